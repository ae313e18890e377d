using System.Text.Json.Nodes;
using Smi.Testing.ApiServer;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// An SMI object deleted and created again under the same name, with the same spec, while the controller's watch of
/// its kind was stalled: the controller sees both events at once, or (once the history is compacted) only a relist that
/// shows another UID. The new object is another object: it gets a status of its own, and its outputs name it as
/// their owner, not the deleted one (the garbage collector would delete them, again and again).
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class RecreatedObjectsIntegrationTest(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_Split_Created_Again_With_The_Same_Spec_Is_Reported_On_And_Owns_Its_Outputs(bool relist)
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(
            () => harness.Condition(Split(harness), "Ready") == ("True", "Translated"), "the split is Ready");
        await ControllerHarness.WaitIdleAsync(core);
        var oldUid = Uid(Split(harness));

        // The split watch sends nothing until the controller takes it for dead (12 s with the harness's options).
        await harness.StallWatchAsync("trafficsplits");
        await harness.DeleteSmiAsync("split.smi-spec.io", "v1alpha4", "trafficsplits", "shop", "web-canary");
        harness.Apply(CanarySplit.Yaml(10));
        var newUid = Uid(Split(harness));
        Assert.NotEqual(oldUid, newUid);
        if (relist)
        {
            // The watch cannot resume: the controller lists, and sees the name with another UID, not a deletion.
            harness.Server.Compact();
        }

        await Eventually.HoldsAsync(
            () => harness.Condition(Split(harness), "Ready") == ("True", "Translated"),
            "the new split is Ready");
        await Eventually.HoldsAsync(
            () => OwnerUid(harness.VirtualService("shop", "web")) == newUid,
            "the VirtualService is owned by the new split");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Equal(newUid, OwnerUid(harness.VirtualService("shop", "web")));
        if (relist)
        {
            Assert.Contains(
                harness.Server.Requests,
                r => !r.IsWatch && r.Method == "GET" && IsSplits(r) && r.StatusCode == 200);
        }
    }

    private static JsonObject? Split(ControllerHarness harness) =>
        harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web-canary");

    private static string? Uid(JsonObject? obj) => (string?)obj?["metadata"]?["uid"];

    private static string? OwnerUid(JsonObject? obj) =>
        (string?)obj?["metadata"]?["ownerReferences"]?.AsArray().FirstOrDefault()?["uid"];

    private static bool IsSplits(RecordedRequest request) =>
        request.Path.EndsWith("/trafficsplits", StringComparison.Ordinal);
}
