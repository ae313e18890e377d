using Smi.Testing.ApiServer;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

[Collection(IntegrationTestCollection.Name)]
public sealed class FaultsIntegrationTest(ITestOutputHelper output)
{
    private static readonly Func<ApiRequestInfo, bool> OutputWrites = r => r.IsWrite && r.Path.StartsWith("/apis/networking.istio.io", StringComparison.Ordinal);

    [Theory]
    [InlineData(429, 2)]
    [InlineData(500, 2)]
    [InlineData(503, 2)]
    [InlineData(503, 6)]
    public async Task Failed_Apply_Is_Retried_Until_It_Succeeds(int status, int count)
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.Server.Faults.FailNext(OutputWrites, count, status);
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => ControllerHarness.Weights(harness.VirtualService("shop", "web")).Count == 2, "the VirtualService exists despite the failures");
        await Eventually.HoldsAsync(() => harness.Server.Faults.Pending == 0, "every fault was used");
        await Eventually.HoldsAsync(() => harness.Condition(harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web-canary"), "Translated").Status == "True", "the split reports Translated");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Contains(harness.Server.Requests, r => r.Fault && r.StatusCode == status);
    }

    [Fact]
    public async Task Hanging_Apply_Times_Out_And_Is_Retried()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.Server.Faults.HangNext(OutputWrites, 1);
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => ControllerHarness.Weights(harness.VirtualService("shop", "web")).Count == 2, "the VirtualService exists after the hung request");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Contains(harness.Server.Requests, r => r.Fault && r.StatusCode == 0);
    }

    [Fact]
    public async Task Conflicting_Writes_Are_Retried()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.Server.Faults.ConflictNext(r => r.Path.StartsWith("/apis/", StringComparison.Ordinal), 3);
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => ControllerHarness.Weights(harness.VirtualService("shop", "web")).Count == 2, "the VirtualService exists despite conflicts");
        await Eventually.HoldsAsync(() => harness.Condition(harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web-canary"), "Translated").Status == "True", "the split reports Translated despite conflicts");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Equal(0, harness.Server.Faults.Pending);
    }

    [Fact]
    public async Task Failed_Status_And_Event_Writes_Are_Retried()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.Server.Faults.FailNext(r => r.IsWrite && r.Path.EndsWith("/status", StringComparison.Ordinal), 6, 500);
        harness.Server.Faults.FailNext(r => r.IsWrite && r.Path.Contains("/events", StringComparison.Ordinal), 6, 503);
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => harness.Condition(harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web-canary"), "Translated").Status == "True", "the status is written in the end");
        await Eventually.HoldsAsync(async () => (await harness.EventsAsync("shop", "web-canary")).Any(e => e.Reason == "Translated"), "the event is written in the end");
        await ControllerHarness.WaitIdleAsync(core);
    }

    [Fact]
    public async Task Failing_Lists_At_Start_Are_Retried()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.ApplyFile("canary-basic");
        harness.Server.Faults.FailNext("/apis/split.smi-spec.io", 3, 503);
        harness.Server.Faults.FailNext("/api/v1/services", 2, 429);
        var core = await harness.StartControllerAsync(waitIdle: false);
        await Eventually.HoldsAsync(() => ControllerHarness.Weights(harness.VirtualService("shop", "web")).Count == 2, "the VirtualService exists after the failed lists");
        await ControllerHarness.WaitIdleAsync(core);
    }

    [Fact]
    public async Task Cut_Watches_Lose_Nothing()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is not null, "the VirtualService exists");
        await ControllerHarness.WaitIdleAsync(core);

        for (var i = 1; i <= 5; i++)
        {
            harness.Server.Faults.CutWatches();
            harness.Apply(CanarySplit.Yaml(i * 10));
        }

        await Eventually.HoldsAsync(() => ControllerHarness.Weights(harness.VirtualService("shop", "web")).GetValueOrDefault("web-v2.shop.svc.cluster.local") == 50, "the last change arrives despite the cut watches");
        await ControllerHarness.WaitIdleAsync(core);
    }

    [Fact]
    public async Task Expired_Resource_Version_Relists_And_Converges()
    {
        // A short history: while the watches are down, more changes happen than the server remembers, so reopening
        // the watch from the last version seen answers 410 Gone and the informer must list again.
        await using var harness = await ControllerHarness.StartAsync(output, watchHistoryLimit: 5);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        harness.ApplyFile("access-http-tcp");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is not null && harness.AuthorizationPolicy("shop", "smi-api") is not null, "both outputs exist");
        await ControllerHarness.WaitIdleAsync(core);

        harness.Server.ClearRequests();
        harness.Server.Faults.FailNext(r => r.IsWatch, 16, 503);
        harness.Server.Faults.CutWatches();
        for (var i = 1; i <= 12; i++)
        {
            harness.Apply(CanarySplit.Yaml(i));
        }

        await harness.DeleteSmiAsync("access.smi-spec.io", "v1alpha3", "traffictargets", "shop", "web-to-api");
        await harness.DeleteSmiAsync("access.smi-spec.io", "v1alpha3", "traffictargets", "shop", "prometheus-to-api");
        harness.Server.Faults.Clear();
        await Eventually.HoldsAsync(() => ControllerHarness.Weights(harness.VirtualService("shop", "web")).GetValueOrDefault("web-v2.shop.svc.cluster.local") == 12, "the last weight arrives", TimeSpan.FromSeconds(40));
        await Eventually.HoldsAsync(() => harness.AuthorizationPolicy("shop", "smi-api") is null, "the deletes seen only through a relist prune the policy", TimeSpan.FromSeconds(40));
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Contains(harness.Server.Requests, r => r.Method == "GET" && !r.IsWatch && r.Path.EndsWith("/trafficsplits", StringComparison.Ordinal));
        Assert.True(core.Metrics.Errors.WithLabels("expired").Value > 0, "a watch reopened from a forgotten version was told so");
    }
}
