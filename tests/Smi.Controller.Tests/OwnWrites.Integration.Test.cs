using Smi.Controller.Reconcile;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// The watch events of the controller's own applies and prunes are echoes, not changes: however they race with the
/// answer of the write, they never queue the unit again. Each change of an input is one reconcile of its unit.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class OwnWritesIntegrationTest(ITestOutputHelper output)
{
    private const int Changes = 25;

    [Fact]
    public async Task Own_Applies_And_Prunes_Never_Requeue_Their_Unit()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(
            () => Web(harness).GetValueOrDefault("web-v2.shop.svc.cluster.local") == 10,
            "the VirtualService sends 10% to web-v2");
        await ControllerHarness.WaitIdleAsync(core);
        var before = Reconciles(core);

        for (var change = 1; change <= Changes; change++)
        {
            var weight = 10 + change;
            harness.Apply(CanarySplit.Yaml(weight));
            await Eventually.HoldsAsync(
                () => Web(harness).GetValueOrDefault("web-v2.shop.svc.cluster.local") == weight,
                $"the VirtualService sends {weight}% to web-v2");
            await ControllerHarness.WaitIdleAsync(core);
            Assert.Equal(change, Reconciles(core) - before);
        }

        // Moving the split to another root prunes the old root's VirtualService and creates the new one's: one
        // reconcile of each root's unit. (Deleting the split would let the server's garbage collector delete the
        // VirtualService too, through its owner reference: a deletion by someone else, which does queue the unit.)
        harness.Apply("""
            apiVersion: v1
            kind: Service
            metadata: {name: web-next, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 8080}]
            """);
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Equal(Changes, Reconciles(core) - before);
        harness.Apply(CanarySplit.Yaml(50).Replace("service: web\n", "service: web-next\n", StringComparison.Ordinal));
        await Eventually.HoldsAsync(
            () => harness.VirtualService("shop", "web") is null
                && harness.VirtualService("shop", "web-next") is not null,
            "the VirtualService of the old root is pruned and the new root's is applied");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Equal(Changes + 2, Reconciles(core) - before);
        Assert.Equal(0, core.Metrics.Drift.Value);
    }

    private static Dictionary<string, long> Web(ControllerHarness harness) =>
        ControllerHarness.Weights(harness.VirtualService("shop", "web"));

    private static double Reconciles(ControllerCore core) => core.Metrics.Reconciles.WithLabels("success").Value;
}
