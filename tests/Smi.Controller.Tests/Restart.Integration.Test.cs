using Xunit.Abstractions;

namespace Smi.Controller.Tests;

[Collection(IntegrationTestCollection.Name)]
public sealed class RestartIntegrationTest(ITestOutputHelper output)
{
    [Fact]
    public async Task Restart_Converges_With_No_Duplicate_Writes()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var first = await harness.StartControllerAsync(name: "first");
        harness.ApplyFile("canary-basic");
        harness.ApplyFile("access-http-tcp");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is not null && harness.AuthorizationPolicy("shop", "smi-api") is not null, "both outputs exist");
        await Eventually.HoldsAsync(() => harness.Condition(harness.Smi("access.smi-spec.io/v1alpha3", "traffictargets", "shop", "web-to-api"), "Translated").Status == "True", "the target reports Translated");
        await ControllerHarness.WaitIdleAsync(first);
        await harness.StopAsync(first);

        harness.Server.ClearRequests();
        var second = await harness.StartControllerAsync(name: "second");
        await ControllerHarness.WaitIdleAsync(second);
        Assert.True(second.Passes > 0);
        Assert.Empty(harness.Server.Writes);
        Assert.NotEmpty(harness.Server.Requests);
    }

    [Fact]
    public async Task Resync_Without_Change_Writes_Nothing()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        harness.ApplyFile("access-http-tcp");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is not null && harness.AuthorizationPolicy("shop", "smi-api") is not null, "both outputs exist");
        await ControllerHarness.WaitIdleAsync(core);

        harness.Server.ClearRequests();
        var passes = core.Passes;
        core.RequestResync();
        await Eventually.HoldsAsync(() => core.Passes > passes, "a resync pass ran");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Empty(harness.Server.Writes);
    }

    [Fact]
    public async Task Output_Deleted_Or_Edited_By_Someone_Else_Is_Restored()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => ControllerHarness.Weights(harness.VirtualService("shop", "web")).Count == 2, "the VirtualService exists");

        await harness.DeleteSmiAsync("networking.istio.io", "v1", "virtualservices", "shop", "web");
        await Eventually.HoldsAsync(() => ControllerHarness.Weights(harness.VirtualService("shop", "web")).Count == 2, "the deleted VirtualService is re-created");

        var patch = new k8s.Models.V1Patch("""{"spec":{"hosts":["tampered.example.com"]}}""", k8s.Models.V1Patch.PatchType.MergePatch);
        await harness.Client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync(patch, "networking.istio.io", "v1", "shop", "virtualservices", "web");
        await Eventually.HoldsAsync(() => (string?)harness.VirtualService("shop", "web")!["spec"]!["hosts"]![0] == "web.shop.svc.cluster.local", "the edited VirtualService is put back");
    }

    [Fact]
    public async Task Dry_Run_Writes_Nothing()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.ApplyFile("canary-basic");
        harness.Server.ClearRequests();
        var core = await harness.StartControllerAsync(o => o.DryRun = true);
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Empty(harness.Server.Writes);
        Assert.Null(harness.VirtualService("shop", "web"));
    }

    [Fact]
    public async Task Outputs_In_Another_Served_Version_Are_Applied_Once_And_Pruned()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        // The translator writes v1beta1 while the controller watches v1 (the first served version it lists).
        var core = await harness.StartControllerAsync(translator: ControllerHarness.Istio(Adapters.Istio.IstioApiVersion.V1Beta1));
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is not null, "the VirtualService exists");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Contains(harness.Server.Writes, w => w.Path.StartsWith("/apis/networking.istio.io/v1beta1/", StringComparison.Ordinal));

        harness.Server.ClearRequests();
        core.RequestResync();
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Empty(harness.Server.Writes);

        await harness.DeleteSmiAsync("split.smi-spec.io", "v1alpha4", "trafficsplits", "shop", "web-canary");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is null, "the VirtualService is removed");
    }
}
