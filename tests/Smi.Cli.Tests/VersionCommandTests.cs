using System.Text.Json.Nodes;

namespace Smi.Cli.Tests;

public class VersionCommandTests
{
    [Fact]
    public async Task Version_PrintsTheClientVersion_AndSaysTheControllerNeedsACluster()
    {
        var run = await CliRun.RunAsync("version");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal($"Client Version: {ToolVersion.Current}\n", run.Out.ReplaceLineEndings("\n"));
        Assert.Contains("reachable cluster", run.Error, StringComparison.Ordinal);
        Assert.Contains(ToolVersion.DefaultImage, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Controller Version", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_AsJson_HasTheClientVersion()
    {
        var run = await CliRun.RunAsync("version", "-o", "json");

        Assert.Equal(ToolVersion.Current, JsonNode.Parse(run.Out)!["clientVersion"]!.GetValue<string>());
        Assert.Equal((await CliRun.RunAsync("--version")).Out.Trim(), ToolVersion.Current);
    }
}
