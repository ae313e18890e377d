using Smi.Abstractions.Translation;
using Smi.Controller.Reconcile;
using Smi.Testing.ApiServer;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

[Collection(IntegrationTestCollection.Name)]
public sealed class CrossUnitConflictIntegrationTest(ITestOutputHelper output)
{
    private const string Workloads = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              serviceAccountName: api
              containers: [{name: api, image: example/api:1.0, ports: [{containerPort: 8080}]}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: ledger, namespace: shop}
        spec:
          selector: {matchLabels: {app: ledger}}
          template:
            metadata: {labels: {app: ledger}}
            spec:
              serviceAccountName: ledger
              containers: [{name: ledger, image: example/ledger:1.0, ports: [{containerPort: 9090}]}]
        ---
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: TCPRoute
        metadata: {name: every-port, namespace: shop}
        spec: {}
        """;

    private static string Target(string name, string destination) => $$"""
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: {{name}}, namespace: shop}
        spec:
          destination: {kind: ServiceAccount, name: {{destination}}, namespace: shop}
          rules: [{kind: TCPRoute, name: every-port}]
          sources: [{kind: ServiceAccount, name: web, namespace: shop}]
        """;

    [Fact]
    public async Task An_Output_Another_Unit_Holds_Is_Not_Applied_Over_It_And_Both_Sides_Are_Told()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var translator = new SharedNameTranslator(ControllerHarness.Istio(), "smi-shared");
        var core = await harness.StartControllerAsync(translator: translator);
        harness.Apply(Workloads);
        harness.Apply(Target("web-to-api", "api"));
        await Eventually.HoldsAsync(
            () => harness.AuthorizationPolicy("shop", "smi-shared") is not null, "the first unit's policy is applied");
        await ControllerHarness.WaitIdleAsync(core);

        await AddSecondTargetAndKeepFirstPolicyAsync(harness, core);
        Assert.Contains(await harness.EventsAsync("shop", "web-to-api"), e => e.Reason == "OutputNameConflict");
        Assert.Contains(await harness.EventsAsync("shop", "web-to-ledger"), e => e.Reason == "OutputNameConflict");
    }

    /// <summary>
    /// The check across units asks the cache who holds an output, and the cache shows the controller's own apply only
    /// once its watch event arrives. A unit that wanted the same output before then found no holder and applied its
    /// own over the one just written (an allow policy replaced by another). The apply the cache does not show yet
    /// holds the output as the cache would.
    /// </summary>
    [Fact]
    public async Task An_Output_Another_Unit_Applied_Before_The_Cache_Shows_It_Is_Not_Applied_Over_It()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var translator = new SharedNameTranslator(ControllerHarness.Istio(), "smi-shared");
        var core = await harness.StartControllerAsync(translator: translator);
        harness.Apply(Workloads);
        await ControllerHarness.WaitIdleAsync(core);

        harness.Server.ClearRequests();
        await harness.StallWatchAsync("authorizationpolicies");
        harness.Apply(Target("web-to-api", "api"));
        await Eventually.HoldsAsync(
            () => harness.AuthorizationPolicy("shop", "smi-shared") is not null, "the first unit's policy is applied");
        var secondCreated = harness.Server.Requests.Count;
        await AddSecondTargetAndKeepFirstPolicyAsync(harness, core);
        var requests = harness.Server.Requests.ToList();

        // The second TrafficTarget came while the stalled watch was the only one: the cache could not show the policy.
        var stalled = requests.FindIndex(r => r.Fault && r.IsWatch && IsPolicies(r));
        var reopened = requests.FindIndex(stalled + 1, r => !r.Fault && r.IsWatch && IsPolicies(r));
        Assert.True(
            stalled >= 0 && (reopened < 0 || secondCreated < reopened),
            $"the second TrafficTarget came (request {secondCreated}) before the policy watch reopened ({reopened})");
    }

    /// <summary>
    /// Adds a TrafficTarget whose unit wants the policy name the first one holds: it reports the conflict, and the
    /// policy stays the first destination's.
    /// </summary>
    private static async Task AddSecondTargetAndKeepFirstPolicyAsync(ControllerHarness harness, ControllerCore core)
    {
        harness.Apply(Target("web-to-ledger", "ledger"));
        await Eventually.HoldsAsync(
            () => harness.Condition(
                harness.Smi("access.smi-spec.io/v1alpha3", "traffictargets", "shop", "web-to-ledger"),
                "Translated").Reason == "OutputNameConflict",
            "the second TrafficTarget reports the conflict");
        await ControllerHarness.WaitIdleAsync(core);

        var policy = harness.AuthorizationPolicy("shop", "smi-shared");
        Assert.Equal(
            "AccessDestination/shop/ServiceAccount/api",
            (string?)policy?["metadata"]?["annotations"]?[GeneratedMetadata.UnitAnnotation]);
        Assert.Equal("api", (string?)policy?["spec"]?["selector"]?["matchLabels"]?["app"]);
    }

    private static bool IsPolicies(RecordedRequest request) =>
        request.Path.EndsWith("/authorizationpolicies", StringComparison.Ordinal);
}
