using Smi.Abstractions.Serialization;
using Smi.Testing;

namespace Smi.Cli.Tests;

public sealed class MigrateCommandTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("smi-migrate");

    public void Dispose() => _work.Delete(true);

    [Fact]
    public async Task Migrate_ReplacesSmi_KeepsOtherFilesByteForByte_AndWritesAReport()
    {
        var input = Directory.CreateDirectory(Path.Combine(_work.FullName, "in"));
        File.Copy(Path.Combine(RepositoryPaths.Samples, "canary", "canary.yaml"), Path.Combine(input.FullName, "canary.yaml"));
        var configMap = "# keep me exactly\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: settings   # odd spacing\r\ndata: {a: \"1\"}\r\n";
        File.WriteAllText(Path.Combine(input.FullName, "config.yaml"), configMap);
        var output = Path.Combine(_work.FullName, "out");

        var run = await CliRun.RunAsync("migrate", input.FullName, "--to", "gateway-api", "--output-dir", output);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal(configMap, File.ReadAllText(Path.Combine(output, "config.yaml")));
        var migrated = new ManifestLoader().LoadText(File.ReadAllText(Path.Combine(output, "canary.yaml")), "canary.yaml");
        Assert.DoesNotContain(migrated.Objects, o => o.Ref.Group.EndsWith("smi-spec.io", StringComparison.Ordinal));
        Assert.Contains(migrated.Diagnostics, d => d.Object?.Kind == "HTTPRoute");
        Assert.Contains("TrafficSplit shop/web-canary", File.ReadAllText(Path.Combine(output, "MIGRATION-REPORT.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_InputErrors_WriteNothing_UnlessForced()
    {
        var input = Directory.CreateDirectory(Path.Combine(_work.FullName, "in"));
        File.WriteAllText(Path.Combine(input.FullName, "bad.yaml"), "apiVersion: split.smi-spec.io/v1alpha4\nkind: TrafficSplit\nmetadata: {name: s, namespace: shop}\nspec: {service: web, backends: [{service: web-v1, weight: -1}]}\n");
        var output = Path.Combine(_work.FullName, "out");

        var refused = await CliRun.RunAsync("migrate", input.FullName, "--to", "gateway-api", "--output-dir", output);
        Assert.Equal(ExitCodes.InputErrors, refused.ExitCode);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
        Assert.Contains("InvalidWeight", refused.Error, StringComparison.Ordinal);

        var forced = await CliRun.RunAsync(
            "migrate", input.FullName, "--to", "gateway-api", "--output-dir", output, "--force");
        Assert.Equal(ExitCodes.InputErrors, forced.ExitCode);
        Assert.True(File.Exists(Path.Combine(output, "MIGRATION-REPORT.md")));
    }

    [Fact]
    public async Task Migrate_UnknownTarget_IsUsageError()
    {
        var run = await CliRun.RunAsync(
            "migrate", _work.FullName, "--to", "kuma", "--output-dir", Path.Combine(_work.FullName, "out"));
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
    }
}
