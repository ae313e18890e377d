using System.Diagnostics;
using Smi.Testing.ApiServer;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// Watches that fail without an ERROR event: one that stays open and sends nothing, and 410 Gone as the HTTP status
/// of a watch and of the list after it. Each time a change made meanwhile must still arrive.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class WatchFaultsIntegrationTest(ITestOutputHelper output)
{
    private static readonly Func<ApiRequestInfo, bool> SplitWatch =
        r => r.IsWatch && r.Path.EndsWith("/trafficsplits", StringComparison.Ordinal);

    private static readonly Func<ApiRequestInfo, bool> SplitList =
        r => r.Method == "GET" && !r.IsWatch && r.Path.EndsWith("/trafficsplits", StringComparison.Ordinal);

    [Fact]
    public async Task A_Stalled_Watch_Is_Noticed_And_A_Change_Made_During_The_Stall_Converges()
    {
        await using var harness = await ControllerHarness.StartAsync(output);

        // The server is asked to end each watch after 3 s; one that has sent nothing 2 s (the request timeout)
        // after that is taken for dead.
        var core = await harness.StartControllerAsync(o => o.WatchTimeout = TimeSpan.FromSeconds(3));
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => Canary(harness) == 10, "the VirtualService is applied");
        await ControllerHarness.WaitIdleAsync(core);

        harness.Server.ClearRequests();
        harness.Server.Faults.StallNext(SplitWatch);
        harness.Server.Faults.CutWatches();
        await Eventually.HoldsAsync(
            () => harness.Server.Requests.Any(IsStalledWatch),
            "the split watch is open and stalled");
        var stalled = Stopwatch.StartNew();
        harness.Apply(CanarySplit.Yaml(40));

        // Bounded: the quiet deadline (5 s) plus a reconcile, with room for a loaded machine.
        await Eventually.HoldsAsync(
            () => Canary(harness) == 40, "the change made during the stall arrives", TimeSpan.FromSeconds(30));
        output.WriteLine($"converged {stalled.ElapsedMilliseconds} ms after the stall began");
        await ControllerHarness.WaitIdleAsync(core);
        var requests = harness.Server.Requests;
        var stall = requests.ToList().FindIndex(IsStalledWatch);
        Assert.Contains(requests.Skip(stall + 1), r => !r.Fault && r.IsWatch && IsSplits(r));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Gone_As_The_Status_Of_A_Watch_Lists_Again(int failedLists)
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => Canary(harness) == 10, "the VirtualService is applied");
        await ControllerHarness.WaitIdleAsync(core);

        harness.Server.ClearRequests();
        harness.Server.Faults.FailNext(SplitWatch, 1, 410);
        if (failedLists > 0)
        {
            harness.Server.Faults.FailNext(SplitList, failedLists, 410);
        }

        harness.Server.Faults.CutWatches();
        harness.Apply(CanarySplit.Yaml(30));
        await Eventually.HoldsAsync(() => Canary(harness) == 30, "the change made around the 410 arrives");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Equal(0, harness.Server.Faults.Pending);

        // After the watch's 410 the informer lists (again after each failed list) before it watches again.
        var splits = harness.Server.Requests.Where(IsSplits).ToList();
        var gone = splits.FindIndex(r => r.IsWatch && r.StatusCode == 410);
        Assert.True(gone >= 0, "the watch was answered 410");
        var next = splits.Skip(gone + 1).ToList();
        var watchAgain = next.FindIndex(r => r.IsWatch);
        var lists = next.Take(watchAgain < 0 ? next.Count : watchAgain).Where(r => !r.IsWatch).ToList();
        Assert.Equal(failedLists + 1, lists.Count);
        Assert.Equal(failedLists, lists.Count(r => r.StatusCode == 410));
        Assert.True(core.Metrics.Errors.WithLabels("expired").Value > 0);
    }

    private static bool IsSplits(RecordedRequest request) =>
        request.Path.EndsWith("/trafficsplits", StringComparison.Ordinal);

    private static bool IsStalledWatch(RecordedRequest request) =>
        request.Fault && request.IsWatch && IsSplits(request);

    private static long Canary(ControllerHarness harness) =>
        ControllerHarness.Weights(harness.VirtualService("shop", "web"))
            .GetValueOrDefault("web-v2.shop.svc.cluster.local");
}
