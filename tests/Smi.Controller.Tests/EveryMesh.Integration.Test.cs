using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>The same life cycle with every adapter: what the translator produces offline is what ends up in the cluster.</summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class EveryMeshIntegrationTest(ITestOutputHelper output)
{
    [Theory]
    [InlineData("istio")]
    [InlineData("linkerd")]
    [InlineData("consul")]
    [InlineData("gateway-api")]
    public async Task Outputs_Converge_Survive_A_Restart_Without_Writes_And_Are_Pruned(string mesh)
    {
        await using var harness = await ControllerHarness.StartAsync(output, allMeshes: true);
        var translator = ControllerHarness.Translator(mesh);
        var cases = new[] { "canary-basic", "access-http-tcp" };
        var expected = ControllerHarness.ExpectedOutputs(translator, cases);
        Assert.NotEmpty(expected);

        var first = await harness.StartControllerAsync(name: "first", translator: translator);
        foreach (var name in cases)
        {
            harness.ApplyFile(name);
        }

        await Eventually.HoldsAsync(
            () => expected.All(r => harness.Output(r) is not null),
            $"every {mesh} output exists: {string.Join(", ", expected)}");
        await ControllerHarness.WaitIdleAsync(first);
        await harness.StopAsync(first);

        harness.Server.ClearRequests();
        var second = await harness.StartControllerAsync(name: "second", translator: translator);
        await ControllerHarness.WaitIdleAsync(second);
        Assert.Empty(harness.Server.Writes);

        await harness.DeleteSmiAsync("split.smi-spec.io", "v1alpha4", "trafficsplits", "shop", "web-canary");
        await harness.DeleteSmiAsync("access.smi-spec.io", "v1alpha3", "traffictargets", "shop", "web-to-api");
        await harness.DeleteSmiAsync("access.smi-spec.io", "v1alpha3", "traffictargets", "shop", "prometheus-to-api");

        await Eventually.HoldsAsync(() => expected.All(r => harness.Output(r) is null), $"every {mesh} output is gone");
    }
}
