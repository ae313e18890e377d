using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

[Collection(IntegrationTestCollection.Name)]
public sealed class ConvergenceIntegrationTest(ITestOutputHelper output)
{
    private const string Split = """
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: web-canary, namespace: shop}
        spec:
          service: web
          backends:
          - service: web-v1
            weight: WEIGHT1
          - service: web-v2
            weight: WEIGHT2
        """;

    [Fact]
    public async Task Split_Create_Update_Delete_Converges()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => ControllerHarness.Weights(harness.VirtualService("shop", "web")).GetValueOrDefault("web-v2.shop.svc.cluster.local") == 10, "the VirtualService sends 10% to web-v2");

        var vs = harness.VirtualService("shop", "web")!;
        Assert.Equal("smi-adapter", (string?)vs["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]);
        Assert.Equal("SplitRoot/shop/web", (string?)vs["metadata"]!["annotations"]!["smi-adapter.io/unit"]);
        Assert.Contains(vs["metadata"]!["managedFields"]!.AsArray(), m => (string?)m!["manager"] == "smi-adapter" && (string?)m["operation"] == "Apply");

        await Eventually.HoldsAsync(() => harness.Condition(harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web-canary"), "Translated") == ("True", "Translated"), "the split reports Translated");
        Assert.Equal(("True", "Accepted"), harness.Condition(harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web-canary"), "Accepted"));
        await Eventually.HoldsAsync(async () => (await harness.EventsAsync("shop", "web-canary")).Any(e => e.Reason == "Translated" && e.Type == "Normal"), "a Normal Translated event exists");

        harness.Apply(Split.Replace("WEIGHT1", "50", StringComparison.Ordinal).Replace("WEIGHT2", "50", StringComparison.Ordinal));
        await Eventually.HoldsAsync(() => ControllerHarness.Weights(harness.VirtualService("shop", "web")).GetValueOrDefault("web-v2.shop.svc.cluster.local") == 50, "the VirtualService follows the new weights");

        await harness.DeleteSmiAsync("split.smi-spec.io", "v1alpha4", "trafficsplits", "shop", "web-canary");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is null, "deleting the split removes its VirtualService");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Equal(0, harness.Server.Faults.Pending);
    }

    [Fact]
    public async Task Editing_HttpRouteGroup_Updates_The_Policy_That_Uses_It()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        await harness.StartControllerAsync();
        harness.ApplyFile("access-http-tcp");
        await Eventually.HoldsAsync(() => Paths(harness.AuthorizationPolicy("shop", "smi-api")).Contains("/api/*"), "the policy allows /api/*");

        harness.Apply("""
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: api-routes, namespace: shop}
            spec:
              matches:
              - name: api
                pathRegex: /v2/.*
                methods: [GET]
              - name: metrics
                pathRegex: /metrics
                methods: [GET]
            """);
        await Eventually.HoldsAsync(() => Paths(harness.AuthorizationPolicy("shop", "smi-api")).Contains("/v2/*"), "the policy follows the edited route group");
        Assert.DoesNotContain("/api/*", Paths(harness.AuthorizationPolicy("shop", "smi-api")));
    }

    [Fact]
    public async Task Deleting_A_Source_Removes_Only_Its_Outputs_And_Never_Touches_Foreign_Objects()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        // An object of an output kind without the controller's labels must survive everything.
        harness.Apply("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: handmade, namespace: shop}
            spec:
              hosts: [handmade.shop.svc.cluster.local]
            """);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        harness.ApplyFile("access-http-tcp");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is not null && harness.AuthorizationPolicy("shop", "smi-api") is not null, "both outputs exist");

        await harness.DeleteSmiAsync("access.smi-spec.io", "v1alpha3", "traffictargets", "shop", "web-to-api");
        await harness.DeleteSmiAsync("access.smi-spec.io", "v1alpha3", "traffictargets", "shop", "prometheus-to-api");
        await Eventually.HoldsAsync(() => harness.AuthorizationPolicy("shop", "smi-api") is null, "the policy goes with its last TrafficTarget");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.NotNull(harness.VirtualService("shop", "web"));
        Assert.NotNull(harness.VirtualService("shop", "handmade"));
    }

    [Fact]
    public async Task Output_Name_Taken_By_A_Foreign_Object_Is_Reported_Not_Overwritten()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.Apply("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: web, namespace: shop}
            spec:
              hosts: [someone-elses.example.com]
            """);
        await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(async () => (await harness.EventsAsync("shop", "web-canary")).Any(e => e.Reason == "OutputNameTaken" && e.Type == "Warning"), "a Warning OutputNameTaken event exists");
        Assert.Equal("someone-elses.example.com", (string?)harness.VirtualService("shop", "web")!["spec"]!["hosts"]![0]);
        Assert.Equal(("False", "OutputNameTaken"), harness.Condition(harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web-canary"), "Translated"));
    }

    [Fact]
    public async Task Invalid_Input_Gets_A_Warning_Event_And_Condition_And_No_Output()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.Apply("""
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: broken, namespace: shop}
            spec:
              service: web
              backends:
              - service: web-v1
                weight: 50
              - service: web-v1
                weight: 50
            """);
        await Eventually.HoldsAsync(() => harness.Condition(harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "broken"), "Accepted") == ("False", "DuplicateBackend"), "the split is not accepted");
        Assert.Equal(("False", "NotAccepted"), harness.Condition(harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "broken"), "Translated"));
        await Eventually.HoldsAsync(async () => (await harness.EventsAsync("shop", "broken")).Any(e => e.Reason == "DuplicateBackend" && e.Type == "Warning"), "a Warning event names the reason");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Null(harness.VirtualService("shop", "web"));

        // Invalid input is reported once, not retried: a resync writes nothing.
        harness.Server.ClearRequests();
        core.RequestResync();
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Empty(harness.Server.Writes);
    }

    [Fact]
    public async Task Route_Group_With_List_Encoded_Headers_Is_Read_Like_The_Cli_Reads_It()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("ab-headers");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "checkout")?["spec"]?["http"]?[0]?["match"]?[0]?["headers"]?["user-agent"] is not null, "the header match reaches the VirtualService");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Equal(("True", "Accepted"), harness.Condition(harness.Smi("specs.smi-spec.io/v1alpha4", "httproutegroups", "shop", "firefox-checkout"), "Accepted"));
    }

    [Fact]
    public async Task Skip_Annotation_Leaves_An_Object_Out()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is not null, "the VirtualService exists");
        harness.Apply("""
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata:
              name: web-canary
              namespace: shop
              annotations: {smi-spec.io/skip: "true"}
            spec:
              service: web
              backends:
              - service: web-v1
                weight: 90
              - service: web-v2
                weight: 10
            """);
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is null, "a skipped split has no output");
        await ControllerHarness.WaitIdleAsync(core);
    }

    private static List<string> Paths(JsonObject? policy) =>
        [.. (policy?["spec"]?["rules"]?.AsArray() ?? [])
            .SelectMany(r => r?["to"]?.AsArray() ?? [])
            .SelectMany(t => t?["operation"]?["paths"]?.AsArray() ?? [])
            .Select(p => (string)p!)];
}
