using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Translation;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

[Collection(IntegrationTestCollection.Name)]
public sealed class DefaultDenyNamespaceIntegrationTest(ITestOutputHelper output)
{
    [Fact]
    public async Task With_Default_Deny_A_Namespace_Created_Later_Gets_Its_Deny_All()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var translator = new ServiceCollection().AddSmi(o => o.DefaultDeny = true).AddIstio().Services
            .BuildServiceProvider().GetRequiredService<MeshTranslatorCatalog>().Find("istio")!;
        var core = await harness.StartControllerAsync(o => o.DefaultDeny = true, translator: translator);
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
}
