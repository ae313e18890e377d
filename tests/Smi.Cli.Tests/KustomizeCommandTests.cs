using Smi.Cli.Install;
using Smi.Testing;

namespace Smi.Cli.Tests;

public class KustomizeCommandTests
{
    private static string Committed => Path.Combine(RepositoryPaths.Root, "deploy", "kustomize");

    public static TheoryData<string> Meshes => ["consul", "gateway-api", "istio", "linkerd"];

    private static SortedDictionary<string, string> FilesUnder(string root) => new(
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(root, f).Replace('\\', '/'),
            File.ReadAllText),
        StringComparer.Ordinal);

    /// <summary>The YAML documents of a manifest stream, as text (comment lines dropped).</summary>
    private static List<string> Documents(string yaml) =>
        [.. string.Join('\n', yaml.Split('\n').Where(l => !l.StartsWith('#')))
            .Split("\n---\n")
            .Select(d => d.Trim('\n'))
            .Where(d => d.Length > 0)];

    /// <summary>Renders a kustomization that has only <c>resources</c>, as kustomize would.</summary>
    private static List<string> Render(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, "kustomization.yaml"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        Assert.Equal(
            ["apiVersion: kustomize.config.k8s.io/v1beta1", "kind: Kustomization", "resources:"],
            lines.Take(3));
        Assert.All(lines.Skip(3), l => Assert.StartsWith("- ", l, StringComparison.Ordinal));
        return [.. lines.Skip(3)
            .Select(l => Path.GetFullPath(Path.Combine(folder, l[2..])))
            .SelectMany(path => Directory.Exists(path) ? Render(path) : Documents(File.ReadAllText(path)))];
    }

    [Fact]
    public async Task Committed_Bases_AreWhatTheCommandWrites()
    {
        var output = Directory.CreateTempSubdirectory("smi-kustomize-");
        try
        {
            var run = await CliRun.RunAsync("kustomize", "--output-dir", output.FullName);
            Assert.True(run.ExitCode == ExitCodes.Success, run.Error);

            var generated = FilesUnder(output.FullName);
            var committed = FilesUnder(Committed);
            Assert.Equal(generated.Keys, committed.Keys);
            foreach (var (path, text) in generated)
            {
                Assert.True(
                    text == committed[path],
                    $"deploy/kustomize/{path} drifted from smi install; run "
                    + "`smi kustomize --output-dir deploy/kustomize` from the repository root "
                    + "(dotnet run --project src/Smi.Cli -- kustomize --output-dir deploy/kustomize)");
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Meshes))]
    public async Task Overlay_RendersExactlyWhatInstallPrints(string mesh)
    {
        var install = await CliRun.RunAsync("install", "--mesh", mesh, "--image", ToolVersion.ImageRepository);
        Assert.Equal(ExitCodes.Success, install.ExitCode);
        var expected = Documents(install.Out);

        var rendered = Render(Path.Combine(Committed, "overlays", mesh));

        Assert.Equal(expected.Order(StringComparer.Ordinal), rendered.Order(StringComparer.Ordinal));
        Assert.Equal(rendered.Count, rendered.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Meshes))]
    public async Task NamespacedOverlay_RendersExactlyWhatInstallPrintsForItsNamespaces(string mesh)
    {
        var install = await CliRun.RunAsync(
            "install",
            "--mesh",
            mesh,
            "--image",
            ToolVersion.ImageRepository,
            "--namespaces",
            string.Join(',', KustomizeBases.ExampleNamespaces));
        Assert.Equal(ExitCodes.Success, install.ExitCode);
        var expected = Documents(install.Out);

        var rendered = Render(Path.Combine(Committed, "overlays", mesh + KustomizeBases.NamespacedSuffix));

        Assert.Equal(expected.Order(StringComparer.Ordinal), rendered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Base_HoldsOnlyWhatEveryMeshShares_TheNamespace()
    {
        var kinds = Render(Path.Combine(Committed, "base"))
            .Select(d => d.Split('\n').Single(l => l.StartsWith("kind: ", StringComparison.Ordinal))[6..])
            .ToHashSet();

        // Every other object is named per mesh, and each mesh's CRDs point their conversion webhook at that mesh's
        // Service, so the namespace is all that every install shares byte for byte.
        Assert.Equal(["Namespace"], kinds);
    }
}
