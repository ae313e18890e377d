using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// A mesh whose installed CRD is older than the fields an adapter writes: kube-apiserver answers server-side apply
/// of an undeclared field with HTTP 500 <c>field not declared in schema</c> (kubernetes/kubernetes#122480; the
/// loopback server does the same). The controller checks each output against the installed CRD's schema for that
/// version first and says which field and which CRD, once, instead of retrying.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class SchemaSkewIntegrationTest(ITestOutputHelper output)
{
    private const string CrdName = "virtualservices.networking.istio.io";

    [Fact]
    public async Task An_Output_Field_The_Installed_Crd_Lacks_Is_Reported_Not_Retried()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var crd = harness.Server.Find("apiextensions.k8s.io/v1", "customresourcedefinitions", null, CrdName)!;
        foreach (var version in crd["spec"]!["versions"]!.AsArray().OfType<JsonObject>())
        {
            // An older VirtualService: routes without weights.
            var route = version["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["http"]!
                ["items"]!["properties"]!["route"]!["items"]!["properties"]!.AsObject();
            Assert.True(route.Remove("weight"));
        }

        harness.Server.Seed(crd);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");

        JsonObject? Split() => harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web-canary");
        await Eventually.HoldsAsync(
            () => harness.Condition(Split(), "Ready") == ("False", "OutputRejected"),
            "the split reports the output the CRD cannot take");
        var message = (string?)Split()!["status"]!["conditions"]!.AsArray()
            .First(c => (string?)c!["type"] == "Ready")!["message"];
        Assert.Contains(".spec.http[0].route[0].weight", message, StringComparison.Ordinal);
        Assert.Contains(CrdName, message, StringComparison.Ordinal);
        Assert.Contains("version v1", message, StringComparison.Ordinal);
        await Eventually.HoldsAsync(
            async () => (await harness.EventsAsync("shop", "web-canary"))
                .Any(e => e.Type == "Warning" && e.Reason == "OutputRejected" && e.Message.Contains(CrdName)),
            "a Warning Event names the field and the CRD");
        Assert.Null(harness.VirtualService("shop", "web"));

        // Not a retry loop: passes over the unit send nothing to the VirtualService and fail nothing.
        await ControllerHarness.WaitIdleAsync(core);
        harness.Server.ClearRequests();
        for (var round = 0; round < 3; round++)
        {
            var passes = core.Passes;
            core.RequestResync();
            await Eventually.HoldsAsync(() => core.Passes > passes, "a resync pass ran");
            await ControllerHarness.WaitIdleAsync(core);
        }

        Assert.DoesNotContain(
            harness.Server.Requests,
            r => r.Path.Contains("/virtualservices", StringComparison.Ordinal) && r.Method != "GET");
        Assert.DoesNotContain(harness.Server.Requests, r => r.StatusCode >= 500);
    }
}
