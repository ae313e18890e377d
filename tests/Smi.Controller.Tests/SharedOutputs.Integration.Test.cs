using Smi.Abstractions.Translation;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// An output two units want (Consul's ServiceDefaults of a service that is both a split root and an access
/// destination) survives the deletion of the unit that held it: the other unit takes it over instead of a prune.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class SharedOutputsIntegrationTest(ITestOutputHelper output)
{
    [Fact]
    public async Task Output_Wanted_By_Two_Units_Survives_Deleting_One()
    {
        await using var harness = await ControllerHarness.StartAsync(output, allMeshes: true);
        var consul = ControllerHarness.Translator("consul");
        var core = await harness.StartControllerAsync(translator: consul);
        harness.ApplyFile("consul-split-and-access-same-service");
        await Eventually.HoldsAsync(() => Unit(harness) == "SplitRoot/shop/api", "ServiceDefaults shop/api belongs to the split's unit");
        await Eventually.HoldsAsync(() => harness.Server.Find("consul.hashicorp.com/v1alpha1", "serviceintentions", "shop", "api") is not null, "the intentions exist");

        await harness.DeleteSmiAsync("split.smi-spec.io", "v1alpha4", "trafficsplits", "shop", "api-canary");
        await Eventually.HoldsAsync(() => Unit(harness) == "AccessDestination/shop/ServiceAccount/api", "the access unit takes ServiceDefaults shop/api over");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Null(harness.Server.Find("consul.hashicorp.com/v1alpha1", "servicesplitters", "shop", "api"));
        Assert.Equal("http", (string?)harness.Server.Find("consul.hashicorp.com/v1alpha1", "servicedefaults", "shop", "api")?["spec"]?["protocol"]);
    }

    private static string? Unit(ControllerHarness harness) =>
        (string?)harness.Server.Find("consul.hashicorp.com/v1alpha1", "servicedefaults", "shop", "api")?["metadata"]?["annotations"]?[GeneratedMetadata.UnitAnnotation];
}
