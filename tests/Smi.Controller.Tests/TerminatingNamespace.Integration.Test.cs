using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// A namespace deleted while its splits exist: kube-apiserver makes it Terminating and refuses new content there with
/// 403 (NamespaceLifecycle admission, <c>plugin/pkg/admission/namespace/lifecycle/admission.go</c>; the loopback
/// server does the same), while the namespace controller deletes what is in it. The controller leaves such a
/// namespace alone: no writes there, no failed requests, no retries, however many passes run.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class TerminatingNamespaceIntegrationTest(ITestOutputHelper output)
{
    private const string Finalizer = "example.com/hold";

    [Fact]
    public async Task A_Namespace_Being_Deleted_Is_Skipped_Without_Writes_Errors_Or_Retries()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is not null, "the split is applied");
        await ControllerHarness.WaitIdleAsync(core);

        // Something in the namespace holds it in Terminating: here the split itself carries a finalizer.
        await harness.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"metadata\":{\"finalizers\":[\"" + Finalizer + "\"]}}", V1Patch.PatchType.MergePatch),
            "split.smi-spec.io",
            "v1alpha4",
            "shop",
            "trafficsplits",
            "web-canary");
        await ControllerHarness.WaitIdleAsync(core);
        harness.Server.ClearRequests();
        await harness.Client.CoreV1.DeleteNamespaceAsync("shop");

        await Eventually.HoldsAsync(
            () => harness.VirtualService("shop", "web") is null
                && harness.Server.Find("v1", "services", "shop", "web") is null,
            "the namespace controller deletes the content that has no finalizer");
        var split = harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web-canary");
        Assert.NotNull(split?["metadata"]?["deletionTimestamp"]);
        Assert.Equal(
            "Terminating", (await harness.Client.CoreV1.ReadNamespaceAsync("shop")).Status.Phase);

        // Several passes over everything: nothing is written into the namespace and nothing fails.
        for (var round = 0; round < 3; round++)
        {
            var passes = core.Passes;
            core.RequestResync();
            await Eventually.HoldsAsync(() => core.Passes > passes, "a resync pass ran");
            await ControllerHarness.WaitIdleAsync(core);
        }

        var writes = harness.Server.Writes.Where(w => w.Path != "/api/v1/namespaces/shop").ToList();
        Assert.True(writes.Count == 0, "writes: " + string.Join("; ", writes));
        var failed = harness.Server.Requests.Where(r => r.StatusCode >= 400).ToList();
        Assert.True(failed.Count == 0, "failed requests: " + string.Join("; ", failed));

        // The finalizer goes: so do the split and the namespace; re-created, the namespace converges again.
        await harness.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch),
            "split.smi-spec.io",
            "v1alpha4",
            "shop",
            "trafficsplits",
            "web-canary");
        await Eventually.HoldsAsync(
            () => harness.Server.Find("v1", "namespaces", null, "shop") is null, "the namespace is gone");
        await harness.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new() { Name = "shop" } });
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(
            () => harness.VirtualService("shop", "web") is not null, "the split in the new namespace is applied");
    }
}
