using Smi.Abstractions.Translation;
using Smi.Controller.Reconcile;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

[Collection(IntegrationTestCollection.Name)]
public sealed class DefaultDenyNamespaceIntegrationTest(ITestOutputHelper output)
{
    [Fact]
    public async Task With_Default_Deny_A_Namespace_Created_Later_Gets_Its_Deny_All()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await StartIstioWithDefaultDenyAsync(harness);
        await Eventually.HoldsAsync(
            () => harness.AuthorizationPolicy("shop", "smi-default-deny") is not null,
            "a namespace that exists at start gets its deny-all");
        Assert.Null(harness.AuthorizationPolicy("payments", "smi-default-deny"));

        harness.Apply("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: payments}
            """);
        await Eventually.HoldsAsync(
            () => harness.AuthorizationPolicy("payments", "smi-default-deny") is not null,
            "the namespace created later gets its deny-all");
        await ControllerHarness.WaitIdleAsync(core);

        var deny = harness.AuthorizationPolicy("payments", "smi-default-deny")!;
        Assert.Equal("{}", deny["spec"]!.ToJsonString());
        Assert.Equal(
            "Namespace/payments/", (string?)deny["metadata"]!["annotations"]![GeneratedMetadata.UnitAnnotation]);
    }

    [Fact]
    public async Task A_TrafficTarget_Made_Valid_By_Its_New_Route_Is_Named_By_Its_Namespaces_Deny_All()
    {
        // The deny-all lists the namespace's valid TrafficTargets as its sources, but not their routes: the route's
        // creation changes the deny-all's list of inputs, which makes its unit due.
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await StartIstioWithDefaultDenyAsync(harness);
        harness.Apply("""
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: late-route, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: late, namespace: shop}
              rules:
              - {kind: TCPRoute, name: late-tcp}
              sources:
              - {kind: ServiceAccount, name: caller, namespace: shop}
            """);
        await ControllerHarness.WaitIdleAsync(core);
        string? Sources() => (string?)harness.AuthorizationPolicy("shop", "smi-default-deny")
            ?["metadata"]?["annotations"]?[GeneratedMetadata.SourcesAnnotation];
        Assert.DoesNotContain("TrafficTarget/shop/late-route", Sources() ?? string.Empty, StringComparison.Ordinal);

        harness.Apply("""
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: late-tcp, namespace: shop}
            spec: {}
            """);
        await Eventually.HoldsAsync(
            () => Sources()?.Contains("TrafficTarget/shop/late-route", StringComparison.Ordinal) == true,
            "the deny-all names the TrafficTarget once its route exists");
    }

    private static Task<ControllerCore> StartIstioWithDefaultDenyAsync(ControllerHarness harness)
    {
        var translator = ControllerHarness.Translator("istio", o => o.DefaultDeny = true);
        return harness.StartControllerAsync(o => o.DefaultDeny = true, translator: translator);
    }
}
