using System.Text.Json.Nodes;
using Smi.Testing;

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

    [Theory]
    [InlineData("v1beta1", "istio")]
    [InlineData("v1", "istio")]
    public async Task Delegated_Access_Control_Uses_The_Delegate_Options_Given(
        string istioApiVersion, string accessControl)
    {
        var input = Path.Combine(RepositoryPaths.TestData, "access-http-tcp", "input.yaml");
        var run = await CliRun.RunAsync(
            "translate", input, "--mesh", "gateway-api", "--access-control", accessControl,
            "--istio-api-version", istioApiVersion, "-o", "json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var policies = JsonNode.Parse(run.Out)!["items"]!.AsArray()
            .Select(i => i!.AsObject())
            .Where(o => o["kind"]!.GetValue<string>() == "AuthorizationPolicy")
            .Select(o => o["apiVersion"]!.GetValue<string>())
            .ToList();
        Assert.NotEmpty(policies);
        Assert.All(policies, v => Assert.Equal($"security.istio.io/{istioApiVersion}", v));
    }
}
