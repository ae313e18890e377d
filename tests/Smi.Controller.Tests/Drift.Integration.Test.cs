using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Smi.Kube.Fields;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// Outputs changed by someone else while their applied-hash annotation stays (a patch, <c>kubectl edit</c>) are
/// applied again: while the controller runs, and when it starts after the edit was made while it was down. A field
/// another manager adds next to the controller's is left alone.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class DriftIntegrationTest(ITestOutputHelper output)
{
    private static readonly Predicate<Smi.Testing.ApiServer.RecordedRequest> OutputApplies =
        w => w.Method == "PATCH"
            && w.Path == "/apis/networking.istio.io/v1/namespaces/shop/virtualservices/web"
            && w.Query.Contains("fieldManager=smi-adapter", StringComparison.Ordinal);

    public static TheoryData<string, string, string> Edits => new()
    {
        // A spec field (the generation moves).
        {
            "weight", "application/json-patch+json",
            """[{"op":"replace","path":"/spec/http/0/route/0/weight","value":1}]"""
        },

        // A field removed from an item of a list.
        { "removed", "application/json-patch+json", """[{"op":"remove","path":"/spec/http/0/route/1/weight"}]""" },

        // Metadata only: the generation stays.
        {
            "annotation", "application/merge-patch+json",
            """{"metadata":{"annotations":{"smi-adapter.io/sources":"x"}}}"""
        },

        // The mesh label: the output leaves the controller's label selector, as if deleted.
        { "label", "application/merge-patch+json", """{"metadata":{"labels":{"smi-adapter.io/mesh":"istio-old"}}}""" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task An_Edit_That_Keeps_The_Annotation_Is_Repaired_While_Running(
        string edit, string type, string patch)
    {
        output.WriteLine(edit);
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => Exact(harness), "the VirtualService is applied");
        await ControllerHarness.WaitIdleAsync(core);
        var hash = Hash(harness);

        harness.Server.ClearRequests();

        // The edit as the server stored it: the controller may repair the live object before the test looks at it.
        var edited = await PatchAsync(harness, type, patch);
        Assert.Equal(hash, HashOf(edited));
        Assert.False(Exact(edited));
        await Eventually.HoldsAsync(() => Exact(harness), "the edit is undone");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Single(harness.Server.Writes, OutputApplies);
        Assert.Equal(1, core.Metrics.Drift.Value);
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task An_Edit_Made_While_The_Controller_Was_Down_Is_Repaired_On_Start(
        string edit, string type, string patch)
    {
        output.WriteLine(edit);
        await using var harness = await ControllerHarness.StartAsync(output);
        var first = await harness.StartControllerAsync(name: "first");
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => Exact(harness), "the VirtualService is applied");
        await Eventually.HoldsAsync(
            () => harness.Condition(Split(harness), "Translated").Status == "True", "the split reports Translated");
        await ControllerHarness.WaitIdleAsync(first);
        await harness.StopAsync(first);

        await PatchAsync(harness, type, patch);
        Assert.False(Exact(harness));
        harness.Server.ClearRequests();
        var second = await harness.StartControllerAsync(name: "second");
        await Eventually.HoldsAsync(() => Exact(harness), "the edit made while the controller was down is undone");
        await ControllerHarness.WaitIdleAsync(second);
        Assert.Single(harness.Server.Writes, OutputApplies);
        Assert.Single(harness.Server.Writes);
    }

    [Fact]
    public async Task Fields_Another_Manager_Adds_Are_Left_Alone_And_Cost_No_Write()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => Exact(harness), "the VirtualService is applied");
        await ControllerHarness.WaitIdleAsync(core);

        harness.Server.ClearRequests();
        var apply = new V1Patch(
            """
            {"apiVersion":"networking.istio.io/v1","kind":"VirtualService",
             "metadata":{"name":"web","namespace":"shop","labels":{"team":"payments"}},
             "spec":{"exportTo":["."]}}
            """,
            V1Patch.PatchType.ApplyPatch);
        await harness.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            apply, "networking.istio.io", "v1", "shop", "virtualservices", "web", fieldManager: "platform-team");
        var labelled = new V1Patch("""{"metadata":{"labels":{"cost-center":"7"}}}""", V1Patch.PatchType.MergePatch);
        await harness.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            labelled, "networking.istio.io", "v1", "shop", "virtualservices", "web", fieldManager: "kubectl-label");
        var passes = core.Passes;
        await Eventually.HoldsAsync(() => core.Passes > passes, "the controller looked at the changed output");
        await ControllerHarness.WaitIdleAsync(core);
        core.RequestResync();
        await ControllerHarness.WaitIdleAsync(core);

        Assert.Equal(2, harness.Server.Writes.Count);
        var service = harness.VirtualService("shop", "web")!;
        Assert.Equal(".", (string?)service["spec"]!["exportTo"]![0]);
        Assert.Equal("payments", (string?)service["metadata"]!["labels"]!["team"]);
        Assert.Equal("7", (string?)service["metadata"]!["labels"]!["cost-center"]);
        Assert.Equal(2, ControllerHarness.Weights(service).Count);
        Assert.Equal(0, core.Metrics.Drift.Value);
    }

    private static JsonObject? Split(ControllerHarness harness) =>
        harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web-canary");

    private static string? Hash(ControllerHarness harness) => HashOf(harness.VirtualService("shop", "web"));

    private static string? HashOf(JsonObject? service) =>
        (string?)service?["metadata"]?["annotations"]?[OutputHash.Annotation];

    /// <summary>Whether the live VirtualService is the canary-basic one as the controller applies it.</summary>
    private static bool Exact(ControllerHarness harness) => Exact(harness.VirtualService("shop", "web"));

    /// <summary>Whether a VirtualService is the canary-basic one as the controller applies it, field by field.
    /// </summary>
    private static bool Exact(JsonObject? service)
    {
        var expected = JsonNode.Parse("""
            {"hosts": ["web.shop.svc.cluster.local"],
             "http": [{"route": [
               {"destination": {"host": "web-v1.shop.svc.cluster.local"}, "weight": 90},
               {"destination": {"host": "web-v2.shop.svc.cluster.local"}, "weight": 10}]}]}
            """);
        return service is not null
            && JsonNode.DeepEquals(expected, service["spec"])
            && (string?)service["metadata"]!["labels"]!["smi-adapter.io/mesh"] == "istio"
            && (string?)service["metadata"]!["annotations"]!["smi-adapter.io/sources"]
                == "TrafficSplit/shop/web-canary";
    }

    /// <summary>Edits the VirtualService as another client would.</summary>
    /// <returns>The object the server stored.</returns>
    private static async Task<JsonObject?> PatchAsync(ControllerHarness harness, string type, string patch)
    {
        var kind = type == "application/json-patch+json" ? V1Patch.PatchType.JsonPatch : V1Patch.PatchType.MergePatch;
        var stored = await harness.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(patch, kind),
            "networking.istio.io",
            "v1",
            "shop",
            "virtualservices",
            "web",
            fieldManager: "kubectl-edit");
        return JsonNode.Parse(((JsonElement)stored).GetRawText()) as JsonObject;
    }
}
