using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

[Collection(IntegrationTestCollection.Name)]
public sealed class ScaleIntegrationTest(ITestOutputHelper output)
{
    private const int Splits = 200;

    [Fact]
    public async Task One_Change_Among_Many_Writes_Only_Its_Own_Objects()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var yaml = new StringBuilder();
        for (var i = 0; i < Splits; i++)
        {
            yaml.Append(Objects(i, 10));
        }

        harness.Apply(yaml.ToString());
        var core = await harness.StartControllerAsync();
        await Eventually.HoldsAsync(() => Enumerable.Range(0, Splits).All(i => harness.VirtualService("shop", $"app{i}") is not null), "every split has its VirtualService", TimeSpan.FromSeconds(60));
        await ControllerHarness.WaitIdleAsync(core, TimeSpan.FromSeconds(60));

        harness.Server.ClearRequests();
        var watch = Stopwatch.StartNew();
        harness.Apply(Objects(7, 30));
        await Eventually.HoldsAsync(() => ControllerHarness.Weights(harness.VirtualService("shop", "app7")).GetValueOrDefault("app7-v2.shop.svc.cluster.local") == 30, "the changed split is applied");
        output.WriteLine($"one change among {Splits} splits applied after {watch.ElapsedMilliseconds} ms");
        await ControllerHarness.WaitIdleAsync(core);

        // Its VirtualService, its status and one Translated event: nothing for the other splits.
        var writes = harness.Server.Writes;
        Assert.Equal(3, writes.Count);
        Assert.Single(writes, w => w.Method == "PATCH" && w.Path.EndsWith("/virtualservices/app7", StringComparison.Ordinal));
        Assert.Single(writes, w => w.Method == "PATCH" && w.Path.EndsWith("/trafficsplits/app7/status", StringComparison.Ordinal));
        Assert.Single(writes, w => w.Method == "POST" && w.Path.EndsWith("/events", StringComparison.Ordinal));
    }

    private static string Objects(int i, int canary) => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: app{{i}}, namespace: shop}
        spec:
          selector: {app: app{{i}}}
          ports: [{name: http, port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: app{{i}}-v1, namespace: shop}
        spec:
          selector: {app: app{{i}}, version: v1}
          ports: [{name: http, port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: app{{i}}-v2, namespace: shop}
        spec:
          selector: {app: app{{i}}, version: v2}
          ports: [{name: http, port: 80}]
        ---
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: app{{i}}, namespace: shop}
        spec:
          service: app{{i}}
          backends:
          - service: app{{i}}-v1
            weight: {{100 - canary}}
          - service: app{{i}}-v2
            weight: {{canary}}
        ---

        """;
}
