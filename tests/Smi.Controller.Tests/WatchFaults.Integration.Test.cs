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
        await harness.StallWatchAsync("trafficsplits");
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

    /// <summary>
    /// The controller's cache shows its own apply only once the watch event arrives. A pass that ran before then
    /// would not list the new output among the unit's live ones, so a unit whose inputs went meanwhile would never
    /// prune it (and, as the event is the controller's own write, nothing would queue the unit again): an
    /// AuthorizationPolicy would go on allowing what no TrafficTarget grants.
    /// </summary>
    [Fact]
    public async Task An_Output_Whose_Watch_Event_Lags_Is_Pruned_When_Its_Inputs_Go()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();

        await harness.StallWatchAsync("authorizationpolicies");
        harness.ApplyFile("access-http-tcp");
        await Eventually.HoldsAsync(
            () => harness.AuthorizationPolicy("shop", "smi-api") is not null, "the policy is applied");
        await harness.DeleteSmiAsync("access.smi-spec.io", "v1alpha3", "traffictargets", "shop", "web-to-api");
        await harness.DeleteSmiAsync("access.smi-spec.io", "v1alpha3", "traffictargets", "shop", "prometheus-to-api");

        await Eventually.HoldsAsync(
            () => harness.AuthorizationPolicy("shop", "smi-api") is null, "the policy is pruned");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Null(harness.AuthorizationPolicy("shop", "smi-api"));

        // The inputs went while the stalled watch was the only one: the cache could not have shown the policy then.
        var requests = harness.Server.Requests.ToList();
        var lastDelete = requests.FindLastIndex(
            r => r.Method == "DELETE" && r.Path.Contains("/traffictargets/", StringComparison.Ordinal));
        var reopened = PolicyWatchReopened(requests);
        Assert.True(
            reopened < 0 || lastDelete < reopened,
            $"the TrafficTargets were deleted (request {lastDelete}) before the policy watch reopened ({reopened})");
    }

    /// <summary>
    /// The other way round: the cache shows a pruned output until the watch event of its deletion arrives. A pass that
    /// ran before then would take the output as present and up to date, and not create it again when its unit wants it
    /// back (and the event, the controller's own prune, would queue nothing): the TrafficTarget would grant nothing.
    /// </summary>
    [Fact]
    public async Task An_Output_Whose_Deletion_Event_Lags_Is_Created_Again_When_Its_Unit_Wants_It_Back()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("access-http-tcp");
        await harness.DeleteSmiAsync("access.smi-spec.io", "v1alpha3", "traffictargets", "shop", "prometheus-to-api");
        await Eventually.HoldsAsync(
            () => harness.AuthorizationPolicy("shop", "smi-api") is not null, "the policy is applied");
        await ControllerHarness.WaitIdleAsync(core);

        // The one TrafficTarget left turns to another destination and back while the policy watch is stalled. It owns
        // the policy, so only the controller's prune deletes it.
        harness.Server.ClearRequests();
        await harness.StallWatchAsync("authorizationpolicies");
        harness.Apply(WebToApi("api-v2"));
        await Eventually.HoldsAsync(
            () => harness.AuthorizationPolicy("shop", "smi-api") is null, "the policy is pruned");
        var returned = harness.Server.Requests.Count;
        harness.Apply(WebToApi("api"));

        await Eventually.HoldsAsync(
            () => harness.AuthorizationPolicy("shop", "smi-api") is not null, "the policy is created again");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.NotNull(harness.AuthorizationPolicy("shop", "smi-api"));

        // The destination came back while the stalled watch was the only one: the cache still showed the policy.
        var reopened = PolicyWatchReopened(harness.Server.Requests.ToList());
        Assert.True(
            reopened < 0 || returned <= reopened,
            $"the destination came back (after request {returned}) before the policy watch reopened ({reopened})");
    }

    private static string WebToApi(string destination) => $$"""
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: web-to-api, namespace: shop}
        spec:
          destination: {kind: ServiceAccount, name: {{destination}}, namespace: shop}
          rules:
          - kind: TCPRoute
            name: api-port
          - kind: HTTPRouteGroup
            name: api-routes
            matches: [api]
          sources:
          - kind: ServiceAccount
            name: web
            namespace: shop
        """;

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

    /// <summary>The index of the first policy watch after the stalled one; -1 while there is none.</summary>
    private static int PolicyWatchReopened(List<RecordedRequest> requests) =>
        requests.FindIndex(
            requests.FindIndex(r => r.Fault && r.IsWatch && IsPolicies(r)) + 1,
            r => !r.Fault && r.IsWatch && IsPolicies(r));

    private static bool IsPolicies(RecordedRequest request) =>
        request.Path.EndsWith("/authorizationpolicies", StringComparison.Ordinal);

    private static bool IsStalledWatch(RecordedRequest request) =>
        request.Fault && request.IsWatch && IsSplits(request);

    private static long Canary(ControllerHarness harness) =>
        ControllerHarness.Weights(harness.VirtualService("shop", "web"))
            .GetValueOrDefault("web-v2.shop.svc.cluster.local");
}
