using System.Diagnostics;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

[Collection(IntegrationTestCollection.Name)]
public sealed class ScaleIntegrationTest(ITestOutputHelper output)
{
    private const int Splits = 200;

    [Fact]
    public async Task One_Change_Among_Many_Writes_Only_Its_Own_Objects()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.Apply(SplitFleet.Yaml(Splits, _ => 10));
        var core = await harness.StartControllerAsync();
        await Eventually.HoldsAsync(() => Enumerable.Range(0, Splits).All(i => harness.VirtualService("shop", $"app{i}") is not null), "every split has its VirtualService", TimeSpan.FromSeconds(60));
        await ControllerHarness.WaitIdleAsync(core, TimeSpan.FromSeconds(60));

        harness.Server.ClearRequests();
        var watch = Stopwatch.StartNew();
        harness.Apply(SplitFleet.Objects(7, 30));
        await Eventually.HoldsAsync(() => ControllerHarness.Weights(harness.VirtualService("shop", "app7")).GetValueOrDefault("app7-v2.shop.svc.cluster.local") == 30, "the changed split is applied");
        output.WriteLine($"one change among {Splits} splits applied after {watch.ElapsedMilliseconds} ms");
        await ControllerHarness.WaitIdleAsync(core);

        // Its VirtualService, its status and one Translated event: nothing for the other splits.
        var writes = harness.Server.Writes;
        Assert.Equal(3, writes.Count);
        Assert.Single(writes, w => w.Method == "PATCH" && w.Path.EndsWith("/virtualservices/app7", StringComparison.Ordinal));
        Assert.Single(writes, w => w.Method == "PATCH" && w.Path.EndsWith("/trafficsplits/app7/status", StringComparison.Ordinal));
        Assert.Single(writes, w => w.Method == "POST" && w.Path.EndsWith("/events", StringComparison.Ordinal));
    }
}
