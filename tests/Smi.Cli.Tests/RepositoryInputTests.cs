using Smi.Abstractions.Serialization;
using Smi.Testing;

namespace Smi.Cli.Tests;

/// <summary>Folders as found in repositories: kustomize files, Helm charts, other YAML beside manifests.</summary>
public sealed class RepositoryInputTests : IDisposable
{
    private const string Kustomization = """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
        - canary.yaml

        """;

    private const string LegacyKustomization = "resources:\n- canary.yaml\n";

    private const string Chart = "apiVersion: v2\nname: shop\nversion: 1.0.0\n";

    private const string Values = "replicaCount: 2\nimage: {repository: shop, tag: \"1.0\"}\n";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("smi-repository-");

    public RepositoryInputTests()
    {
        var input = Directory.CreateDirectory(Path.Combine(_work.FullName, "in"));
        File.Copy(
            Path.Combine(RepositoryPaths.Samples, "canary", "canary.yaml"),
            Path.Combine(input.FullName, "canary.yaml"));
        File.WriteAllText(Path.Combine(input.FullName, "kustomization.yaml"), Kustomization);
        var legacy = Directory.CreateDirectory(Path.Combine(input.FullName, "legacy"));
        File.WriteAllText(Path.Combine(legacy.FullName, "kustomization.yml"), LegacyKustomization);
        var chart = Directory.CreateDirectory(Path.Combine(input.FullName, "chart"));
        File.WriteAllText(Path.Combine(chart.FullName, "Chart.yaml"), Chart);
        File.WriteAllText(Path.Combine(chart.FullName, "values.yaml"), Values);
    }

    private string Input => Path.Combine(_work.FullName, "in");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Validate_SkipsNonManifests_WithAnInfoNamingEachFile()
    {
        var quiet = await CliRun.RunAsync("validate", Input);
        var verbose = await CliRun.RunAsync("validate", Input, "-v");

        Assert.True(quiet.ExitCode == ExitCodes.Success, quiet.Error);
        Assert.DoesNotContain("error", quiet.Error, StringComparison.Ordinal);
        Assert.Contains("info KustomizeFile", verbose.Error, StringComparison.Ordinal);
        Assert.Contains("kustomization.yaml:1)", verbose.Error, StringComparison.Ordinal);
        Assert.Contains("info HelmChart", verbose.Error, StringComparison.Ordinal);
        Assert.Contains("Chart.yaml:1)", verbose.Error, StringComparison.Ordinal);
        Assert.Contains("values.yaml:1)", verbose.Error, StringComparison.Ordinal);
        Assert.Contains("kustomization.yml:1)", verbose.Error, StringComparison.Ordinal);
        Assert.Equal(2, verbose.Error.Split("info NotAManifest").Length - 1);
    }

    [Fact]
    public async Task Translate_OfTheFolder_EqualsTranslateOfTheManifestAlone()
    {
        var folder = await CliRun.RunAsync("translate", Input, "--mesh", "istio");
        var alone = await CliRun.RunAsync("translate", Path.Combine(Input, "canary.yaml"), "--mesh", "istio");

        Assert.True(folder.ExitCode == ExitCodes.Success, folder.Error);
        Assert.NotEmpty(folder.Out);
        Assert.Equal(alone.Out, folder.Out);
    }

    [Fact]
    public async Task Migrate_KeepsNonManifestsByteForByte()
    {
        var output = Path.Combine(_work.FullName, "out");

        var run = await CliRun.RunAsync("migrate", Input, "--to", "gateway-api", "--output-dir", output);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal(Kustomization, File.ReadAllText(Path.Combine(output, "kustomization.yaml")));
        Assert.Equal(LegacyKustomization, File.ReadAllText(Path.Combine(output, "legacy", "kustomization.yml")));
        Assert.Equal(Chart, File.ReadAllText(Path.Combine(output, "chart", "Chart.yaml")));
        Assert.Equal(Values, File.ReadAllText(Path.Combine(output, "chart", "values.yaml")));
        var migrated = new ManifestLoader().LoadText(File.ReadAllText(Path.Combine(output, "canary.yaml")), "canary");
        Assert.DoesNotContain(migrated.Objects, o => o.Ref.Group.EndsWith("smi-spec.io", StringComparison.Ordinal));
        Assert.Contains(migrated.Diagnostics, d => d.Object?.Kind == "HTTPRoute");
    }

    [Fact]
    public async Task AnObjectWithAKindButNoName_IsStillAnError()
    {
        var run = await CliRun.RunWithInputAsync("apiVersion: v1\nkind: Service\nspec: {}\n", "validate", "-");

        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains("error MissingName", run.Error, StringComparison.Ordinal);
    }
}
