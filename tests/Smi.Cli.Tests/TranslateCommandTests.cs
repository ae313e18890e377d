namespace Smi.Cli.Tests;

public class TranslateCommandTests
{
    [Fact]
    public async Task Translate_UnknownMesh_IsUsageError_AndListsRegisteredMeshes()
    {
        var run = await CliRun.RunAsync("translate", "--mesh", "no-such-mesh", "x.yaml");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("unknown mesh \"no-such-mesh\"; registered meshes:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_WithoutMesh_IsUsageError()
    {
        var run = await CliRun.RunAsync("translate", "x.yaml");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
    }
}
