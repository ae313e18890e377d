using k8s;
using System.Text.Json.Nodes;
using Smi.Testing;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// An output kind's CRD installed or removed while the controller runs. kube-apiserver serves a kind as soon as its
/// CRD is established and, when the CRD is deleted, deletes every object of the kind and stops serving it
/// (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/, "Create a
/// CustomResourceDefinition" and "Delete a CustomResourceDefinition"; the loopback server does the same). The
/// controller watches CRDs: it starts on a new kind without a restart and reports a removed one without retrying.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class CrdLifecycleIntegrationTest(ITestOutputHelper output)
{
    private const string CrdName = "virtualservices.networking.istio.io";

    private static string CrdFile => Path.Combine(RepositoryPaths.Crds, "istio", CrdName + ".yaml");

    private static bool IsVirtualServiceRequest(Smi.Testing.ApiServer.RecordedRequest request) =>
        request.Path.Contains("/virtualservices", StringComparison.Ordinal);

    [Fact]
    public async Task An_Output_Crd_Installed_While_Running_Is_Watched_And_Applied_Without_A_Restart()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        await harness.Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(CrdName);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        JsonObject? Split() => harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web-canary");
        await Eventually.HoldsAsync(
            () => harness.Condition(Split(), "Ready") == ("False", "OutputKindNotServed"),
            "the split says the VirtualService kind is not served");
        Assert.DoesNotContain(core.WatchedOutputKinds, k => k.Kind == "VirtualService");
        await ControllerHarness.WaitIdleAsync(core);
        harness.Server.ClearRequests();

        Assert.Equal(1, harness.Server.InstallCrds(CrdFile));

        await Eventually.HoldsAsync(
            () => harness.Condition(Split(), "Ready") == ("True", "Translated")
                && harness.VirtualService("shop", "web") is not null,
            "the VirtualService is applied once its CRD is installed");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["web-v1.shop.svc.cluster.local"] = 90,
                ["web-v2.shop.svc.cluster.local"] = 10,
            },
            ControllerHarness.Weights(harness.VirtualService("shop", "web")));
        Assert.Contains(core.WatchedOutputKinds, k => k.Kind == "VirtualService" && k.Version == "v1");
        var writes = harness.Server.Requests.Where(r => IsVirtualServiceRequest(r) && r.Method != "GET").ToList();
        Assert.Equal(["PATCH"], writes.Select(r => r.Method));
        Assert.DoesNotContain(harness.Server.Requests, r => r.StatusCode >= 500);
    }

    [Fact]
    public async Task An_Output_Crd_Removed_While_Running_Is_Reported_Not_Retried_And_Its_Return_Restores_The_Output()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        JsonObject? Split() => harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web-canary");
        await Eventually.HoldsAsync(
            () => harness.VirtualService("shop", "web") is not null
                && harness.Condition(Split(), "Ready") == ("True", "Translated"),
            "the VirtualService is applied");
        await ControllerHarness.WaitIdleAsync(core);

        await harness.Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(CrdName);

        await Eventually.HoldsAsync(
            () => harness.Condition(Split(), "Ready") == ("False", "OutputKindRemoved"),
            "the split says the VirtualService CRD was removed");
        var message = (string?)Split()!["status"]!["conditions"]!.AsArray()
            .First(c => (string?)c!["type"] == "Ready")!["message"];
        Assert.Contains(CrdName + " was removed", message, StringComparison.Ordinal);
        await Eventually.HoldsAsync(
            async () => (await harness.EventsAsync("shop", "web-canary"))
                .Any(e => e.Type == "Warning" && e.Reason == "OutputKindRemoved" && e.Message.Contains(CrdName)),
            "a Warning Event names the removed CRD");
        Assert.DoesNotContain(core.WatchedOutputKinds, k => k.Kind == "VirtualService");

        // Not a retry loop: resync passes send nothing for the kind, not even a list or a watch.
        await ControllerHarness.WaitIdleAsync(core);
        harness.Server.ClearRequests();
        for (var round = 0; round < 3; round++)
        {
            var passes = core.Passes;
            core.RequestResync();
            await Eventually.HoldsAsync(() => core.Passes > passes, "a resync pass ran");
            await ControllerHarness.WaitIdleAsync(core);
        }

        var kindRequests = harness.Server.Requests.Where(IsVirtualServiceRequest).ToList();
        Assert.True(kindRequests.Count == 0, string.Join("\n", kindRequests));
        Assert.DoesNotContain(harness.Server.Requests, r => r.StatusCode >= 500);

        Assert.Equal(1, harness.Server.InstallCrds(CrdFile));

        await Eventually.HoldsAsync(
            () => harness.VirtualService("shop", "web") is not null
                && harness.Condition(Split(), "Ready") == ("True", "Translated"),
            "the VirtualService is back once its CRD is");
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["web-v1.shop.svc.cluster.local"] = 90,
                ["web-v2.shop.svc.cluster.local"] = 10,
            },
            ControllerHarness.Weights(harness.VirtualService("shop", "web")));
    }
}
