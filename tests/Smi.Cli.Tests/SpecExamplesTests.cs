using Smi.Abstractions.Serialization;
using Smi.Testing;
using Xunit.Abstractions;

namespace Smi.Cli.Tests;

/// <summary>
/// <c>smi validate</c>, <c>smi convert</c> and <c>smi translate</c> on every example of the SMI specification
/// (the <c>spec-*</c> golden cases) and on every manifest sample.
/// </summary>
public class SpecExamplesTests(ITestOutputHelper output)
{
    /// <summary>The CRD folders each mesh's output is checked against, relative to the repository's crds/ folder.</summary>
    private static readonly Dictionary<string, string[]> CrdFolders = new(StringComparer.Ordinal)
    {
        ["consul"] = ["consul"],
        ["istio"] = ["istio"],
        ["linkerd"] = ["linkerd", "gateway-api/v1.2.1/standard"],
    };

    /// <summary>The latest released version of each group, as <c>smi convert --to</c> takes it, one group at a time.</summary>
    private static readonly string[] LatestReleased = ["access.smi-spec.io/v1alpha3", "specs.smi-spec.io/v1alpha4", "split.smi-spec.io/v1alpha4"];

    /// <summary>Kinds that the latest released version of their group does not have.</summary>
    private static readonly HashSet<string> UnreleasedKinds = new(StringComparer.Ordinal) { "IdentityBinding" };

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var input in InputNames())
        {
            data.Add(input);
        }

        return data;
    }

    public static TheoryData<string, string> InputsByMesh()
    {
        var data = new TheoryData<string, string>();
        foreach (var input in InputNames())
        {
            foreach (var mesh in CrdFolders.Keys.Order(StringComparer.Ordinal))
            {
                data.Add(input, mesh);
            }
        }

        return data;
    }

    /// <summary>Every spec-* golden case as <c>testdata/&lt;case&gt;</c> and every manifest sample as <c>samples/&lt;folder&gt;</c>.</summary>
    private static IEnumerable<string> InputNames() =>
        GoldenCases.All().Where(n => n.StartsWith("spec-", StringComparison.Ordinal)).Select(n => $"testdata/{n}")
            .Concat(Directory.EnumerateDirectories(RepositoryPaths.Samples)
                .Where(d => Directory.EnumerateFiles(d, "*.yaml").Any())
                .Select(Path.GetFileName)
                .Order(StringComparer.Ordinal)
                .Select(d => $"samples/{d}"));

    [Fact]
    public void EverySmiGroupAndVersion_HasASpecExample()
    {
        var apiVersions = GoldenCases.All()
            .Where(n => n.StartsWith("spec-", StringComparison.Ordinal))
            .SelectMany(n => new ManifestLoader().LoadText(File.ReadAllText(Path.Combine(GoldenCases.Folder(n), "input.yaml")), "input.yaml").Objects)
            .Select(o => o.Ref.ApiVersion)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var group in new[] { "access", "specs", "split" })
        {
            foreach (var version in new[] { "v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4" })
            {
                Assert.Contains($"{group}.smi-spec.io/{version}", apiVersions);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Validate_ExitsWithOne_ExactlyWhenTheInputHasErrors(string input)
    {
        var run = await CliRun.RunAsync("validate", PathOf(input));
        output.WriteLine(run.Error);
        Assert.Equal(HasInputErrors(input) ? ExitCodes.InputErrors : ExitCodes.Success, run.ExitCode);
        Assert.Contains("SMI object(s) checked", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Convert_ToTheLatestReleasedVersions_KeepsEverySmiObject(string input)
    {
        var expected = Load(File.ReadAllText(InputFile(input)));
        var smiCount = expected.Objects.Count(o => o.Resource is Abstractions.Resources.SmiObject);
        var unreleased = expected.Objects.Any(o => UnreleasedKinds.Contains(o.Ref.Kind));
        var text = File.ReadAllText(InputFile(input));
        foreach (var target in LatestReleased)
        {
            var run = await CliRun.RunWithInputAsync(text, "convert", "-", "--to", target);
            output.WriteLine($"--to {target}: exit {run.ExitCode}\n{run.Error}");
            if (HasInputErrors(input) || (unreleased && target.StartsWith("access.", StringComparison.Ordinal)))
            {
                Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
                if (!HasInputErrors(input))
                {
                    Assert.Contains("VersionNotAvailable", run.Error, StringComparison.Ordinal);
                }

                return;
            }

            Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
            text = run.Out;
        }

        var converted = Load(text);
        Assert.DoesNotContain(converted.Diagnostics, d => d.Severity == Abstractions.Diagnostics.DiagnosticSeverity.Error);
        Assert.Equal(smiCount, converted.Objects.Count(o => o.Resource is Abstractions.Resources.SmiObject));
        Assert.All(
            converted.Objects.Where(o => o.Resource is Abstractions.Resources.SmiObject),
            o => Assert.Contains(o.Ref.ApiVersion, LatestReleased));
    }

    [Theory]
    [MemberData(nameof(InputsByMesh))]
    public async Task Translate_Succeeds_AndPassesTheMeshCrds(string input, string mesh)
    {
        var registered = await CliRun.RunAsync("translate", "--mesh", mesh, "--help");
        Assert.True(registered.Out.Contains(mesh, StringComparison.Ordinal), $"mesh {mesh} is not registered");

        var args = new List<string> { "translate", PathOf(input), "--mesh", mesh };
        var crds = RepositoryPaths.Crds;
        foreach (var folder in CrdFolders[mesh])
        {
            args.AddRange(["--check-crds", Path.Combine(crds, folder)]);
        }

        var run = await CliRun.RunAsync([.. args]);
        output.WriteLine(run.Error);
        if (HasInputErrors(input) || HasTranslationErrors(input, mesh))
        {
            Assert.True(run.ExitCode == ExitCodes.InputErrors, run.Error);
            Assert.DoesNotContain("CrdSchemaViolation", run.Error, StringComparison.Ordinal);
            return;
        }

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.DoesNotContain(run.Error.Split('\n'), l => l.StartsWith("error ", StringComparison.Ordinal));
    }

    private static string PathOf(string input) => input.StartsWith("samples/", StringComparison.Ordinal)
        ? Path.Combine(RepositoryPaths.Samples, input["samples/".Length..])
        : Path.Combine(RepositoryPaths.TestData, input["testdata/".Length..], "input.yaml");

    /// <summary>The one manifest file of a case or sample.</summary>
    private static string InputFile(string input) => input.StartsWith("samples/", StringComparison.Ordinal)
        ? Directory.EnumerateFiles(PathOf(input), "*.yaml").Single()
        : PathOf(input);

    private static LoadResult Load(string text) => new ManifestLoader().LoadText(text, "input.yaml");

    /// <summary>Whether the input's diagnostics hold an error: the case's <c>diagnostics.txt</c>, or for a sample a fresh load.</summary>
    private static bool HasInputErrors(string input)
    {
        if (input.StartsWith("samples/", StringComparison.Ordinal))
        {
            return Abstractions.Snapshot.SnapshotBuilder.FromLoadResult(Load(File.ReadAllText(InputFile(input)))).HasErrors;
        }

        var file = Path.Combine(RepositoryPaths.TestData, input["testdata/".Length..], "diagnostics.txt");
        return File.Exists(file) && File.ReadLines(file).Any(l => l.StartsWith("error ", StringComparison.Ordinal));
    }

    /// <summary>Whether the case's golden <c>&lt;mesh&gt;.diagnostics.txt</c> holds an error (samples are expected to have none).</summary>
    private static bool HasTranslationErrors(string input, string mesh)
    {
        if (input.StartsWith("samples/", StringComparison.Ordinal))
        {
            return false;
        }

        var file = Path.Combine(RepositoryPaths.TestData, input["testdata/".Length..], $"{mesh}.diagnostics.txt");
        return File.Exists(file) && File.ReadLines(file).Any(l => l.StartsWith("error ", StringComparison.Ordinal));
    }
}
