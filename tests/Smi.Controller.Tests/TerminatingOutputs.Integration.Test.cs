using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Smi.Testing;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// consul-k8s puts a finalizer on its config entries and removes it only once the entry is gone from Consul; until
/// then a deleted entry stays with <c>metadata.deletionTimestamp</c> (the loopback server does as kube-apiserver's
/// registry does: https://kubernetes.io/docs/concepts/overview/working-with-objects/finalizers/). The controller must
/// not count such an output as present, must not delete it again, and re-creates it once it is gone.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class TerminatingOutputsIntegrationTest(ITestOutputHelper output)
{
    private const string ConsulFinalizer = "finalizers.consul.hashicorp.com";

    private const string WebSplit = """
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: web-canary, namespace: shop}
        spec:
          service: web
          backends:
          - service: web-v1
            weight: 90
          - service: web-v2
            weight: 10
        """;

    [Fact]
    public async Task A_Consul_Output_Held_By_A_Finalizer_Is_Deleted_Once_And_Recreated_When_Gone()
    {
        await using var harness = await ControllerHarness.StartAsync(output, allMeshes: true);
        var translator = ControllerHarness.Translator("consul");
        var splitter = translator.Translate(GoldenTranslation.LoadSnapshot("canary-basic")).Resources
            .Select(r => r.Ref)
            .First(r => r.Kind == "ServiceSplitter");
        var kind = ControllerHarness.Adapters.All.SelectMany(a => a.OutputKinds)
            .First(k => k.Group == splitter.Group && k.Kind == splitter.Kind);
        var path = $"/apis/{splitter.ApiVersion}/namespaces/{splitter.Namespace}/{kind.Plural}/{splitter.Name}";
        JsonObject? Splitter() =>
            harness.Server.Find(splitter.ApiVersion, kind.Plural, splitter.Namespace, splitter.Name);
        JsonObject? Split() => harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web-canary");
        int Deletes() => harness.Server.Requests.Count(r => r.Method == "DELETE" && r.Path == path);

        var core = await harness.StartControllerAsync(translator: translator);
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => Splitter() is not null, "the ServiceSplitter is applied");

        // consul-k8s adds its finalizer to the config entry.
        await harness.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"metadata\":{\"finalizers\":[\"" + ConsulFinalizer + "\"]}}", V1Patch.PatchType.MergePatch),
            splitter.Group,
            splitter.Version,
            splitter.Namespace,
            kind.Plural,
            splitter.Name);

        // The split goes, and so does the splitter, which stays, terminating.
        await harness.DeleteSmiAsync("split.smi-spec.io", "v1alpha4", "trafficsplits", "shop", "web-canary");
        await Eventually.HoldsAsync(
            () => Splitter()?["metadata"]?["deletionTimestamp"] is not null, "the ServiceSplitter is terminating");
        await ControllerHarness.WaitIdleAsync(core);

        // The garbage collector (the splitter is owned by the split) or the controller's prune marked it, whichever
        // came first: at most one DELETE, never a repeated one.
        Assert.InRange(Deletes(), 0, 1);

        // The split comes back at once: the controller waits for the old splitter to go and says so.
        harness.Apply(WebSplit);
        await Eventually.HoldsAsync(
            () => harness.Condition(Split(), "Ready") == ("False", "OutputTerminating"),
            "the split says it waits for the terminating ServiceSplitter");
        var message = (string?)Split()!["status"]!["conditions"]!.AsArray()
            .First(c => (string?)c!["type"] == "Ready")!["message"];
        Assert.Contains(splitter.Name, message, StringComparison.Ordinal);
        Assert.Contains(ConsulFinalizer, message, StringComparison.Ordinal);

        // Passes over the terminating output neither apply nor delete it again.
        harness.Server.ClearRequests();
        var passes = core.Passes;
        core.RequestResync();
        await Eventually.HoldsAsync(() => core.Passes > passes, "a resync pass ran");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.DoesNotContain(harness.Server.Writes, w => w.Path == path);
        Assert.NotNull(Splitter()!["metadata"]!["deletionTimestamp"]);

        // consul-k8s removes its finalizer: the old splitter goes and the controller creates a new one.
        var oldUid = (string?)Splitter()!["metadata"]!["uid"];
        await harness.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch),
            splitter.Group,
            splitter.Version,
            splitter.Namespace,
            kind.Plural,
            splitter.Name);
        await Eventually.HoldsAsync(
            () => Splitter() is { } found
                && (string?)found["metadata"]!["uid"] != oldUid
                && found["metadata"]!["deletionTimestamp"] is null,
            "a new ServiceSplitter is created");
        await Eventually.HoldsAsync(
            () => harness.Condition(Split(), "Ready") == ("True", "Translated"), "the split is Ready again");
        Assert.Equal(0, Deletes());
    }
}
