using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Testing;

namespace Smi.Cli.Tests;

public class ConvertCommandTests
{
    [Fact]
    public async Task Convert_ToSameVersion_KeepsEveryObjectsMeaning()
    {
        var input = Path.Combine(GoldenCases.Folder("shop-example"), "input.yaml");
        var run = await CliRun.RunAsync("convert", input, "--to", "v1alpha4");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var before = SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(File.ReadAllText(input), "in"));
        var after = SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(run.Out, "out"));
        Assert.Equal(before.Splits.Select(s => s with { Source = s.Source }).Select(s => (s.RootService, string.Join(",", s.Backends))), after.Splits.Select(s => (s.RootService, string.Join(",", s.Backends))));
        Assert.Equal(before.RouteGroups.SelectMany(g => g.Matches).Select(m => (m.Name, m.PathRegex, string.Join(",", m.Headers))), after.RouteGroups.SelectMany(g => g.Matches).Select(m => (m.Name, m.PathRegex, string.Join(",", m.Headers))));
        Assert.Equal(before.Services.Length, after.Services.Length);
    }

    [Fact]
    public async Task Convert_HeaderEncoding_MapAndList()
    {
        var input = Path.Combine(GoldenCases.Folder("ab-headers"), "input.yaml");
        var asList = await CliRun.RunAsync("convert", input, "--to", "v1alpha4");
        var asMap = await CliRun.RunAsync("convert", input, "--to", "v1alpha4", "--header-encoding", "map");
        Assert.Contains("- User-Agent: .*Firefox.*", asList.Out, StringComparison.Ordinal);
        Assert.Contains("      User-Agent: .*Firefox.*", asMap.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("- User-Agent", asMap.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_UnknownVersion_IsUsageError()
    {
        var run = await CliRun.RunAsync("convert", "x.yaml", "--to", "v9");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("no SMI kind has version v9", run.Error, StringComparison.Ordinal);
    }
}
