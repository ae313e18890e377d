using Smi.Abstractions.Translation;
using Smi.Testing.ApiServer;
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

    /// <summary>
    /// The unit that takes the output over applied its own outputs a moment ago, and the cache does not show them yet.
    /// It takes the output over at once all the same: held back until its echoes came, it would leave the output with
    /// owner references to the deleted split only, and the garbage collector would delete it (the service without its
    /// protocol) before the unit applied it again.
    /// </summary>
    [Fact]
    public async Task Output_Wanted_By_Two_Units_Survives_While_The_Other_Unit_Awaits_Its_Echoes()
    {
        await using var harness = await ControllerHarness.StartAsync(output, allMeshes: true);
        var consul = ControllerHarness.Translator("consul");
        var core = await harness.StartControllerAsync(translator: consul);
        await harness.StallWatchAsync("serviceintentions");
        harness.ApplyFile("consul-split-and-access-same-service");
        await Eventually.HoldsAsync(
            () => Unit(harness) == "SplitRoot/shop/api", "ServiceDefaults shop/api belongs to the split's unit");
        await Eventually.HoldsAsync(
            () => harness.Server.Find("consul.hashicorp.com/v1alpha1", "serviceintentions", "shop", "api") is not null,
            "the intentions exist");

        var deleted = harness.Server.Requests.Count;
        await harness.DeleteSmiAsync("split.smi-spec.io", "v1alpha4", "trafficsplits", "shop", "api-canary");
        await Eventually.HoldsAsync(
            () => Unit(harness) == "AccessDestination/shop/ServiceAccount/api",
            "the access unit takes ServiceDefaults shop/api over");
        await ControllerHarness.WaitIdleAsync(core);
        var defaults = harness.Server.Find("consul.hashicorp.com/v1alpha1", "servicedefaults", "shop", "api");
        Assert.Equal("http", (string?)defaults?["spec"]?["protocol"]);
        var requests = harness.Server.Requests.ToList();
        Assert.DoesNotContain(
            requests, r => r.Method == "DELETE" && r.Path.EndsWith("/servicedefaults/api", StringComparison.Ordinal));

        // The split went while the stalled watch was the only one: the cache could not show the intentions then.
        static bool IsIntentions(RecordedRequest r) =>
            r.IsWatch && r.Path.EndsWith("/serviceintentions", StringComparison.Ordinal);
        var stalled = requests.FindIndex(r => r.Fault && IsIntentions(r));
        var reopened = requests.FindIndex(stalled + 1, r => !r.Fault && IsIntentions(r));
        Assert.True(
            stalled >= 0 && (reopened < 0 || deleted < reopened),
            $"the split was deleted (request {deleted}) before the intentions watch reopened ({reopened})");
    }

    private static string? Unit(ControllerHarness harness) =>
        (string?)harness.Server.Find("consul.hashicorp.com/v1alpha1", "servicedefaults", "shop", "api")?["metadata"]?["annotations"]?[GeneratedMetadata.UnitAnnotation];
}
