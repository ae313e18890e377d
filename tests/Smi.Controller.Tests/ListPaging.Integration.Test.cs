using System.Globalization;
using k8s;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// A list made in pages whose continue token expires before the last page: kube-apiserver answers 410 Expired
/// (<c>k8s.io/apiserver/pkg/storage/etcd3/errors.go</c>, handleCompactedErrorForPaging) once etcd has compacted the
/// first page's resource version. The controller drops the pages it has and lists again from the start, as
/// client-go's pager does (<c>k8s.io/client-go/tools/pager/pager.go</c>, FullListIfExpired), so its cache is one
/// consistent snapshot and the outputs end exactly as the SMI objects now say.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class ListPagingIntegrationTest(ITestOutputHelper output)
{
    private static string Split(int n, int weight) => string.Create(CultureInfo.InvariantCulture, $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: svc-{{n}}, namespace: shop}
        spec:
          selector: {app: svc-{{n}}}
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: svc-{{n}}-v1, namespace: shop}
        spec:
          selector: {app: svc-{{n}}, version: v1}
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: svc-{{n}}-v2, namespace: shop}
        spec:
          selector: {app: svc-{{n}}, version: v2}
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: split-{{n}}, namespace: shop}
        spec:
          service: svc-{{n}}
          backends:
          - service: svc-{{n}}-v1
            weight: {{weight}}
          - service: svc-{{n}}-v2
            weight: {{100 - weight}}
        """);

    private static long V1Weight(ControllerHarness harness, string service) =>
        ControllerHarness.Weights(harness.VirtualService("shop", service))[$"{service}-v1.shop.svc.cluster.local"];

    [Fact]
    public async Task An_Expired_Continue_Token_Mid_List_Relists_From_The_Start_And_Outputs_End_Exact()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        for (var n = 0; n < 6; n++)
        {
            harness.Apply(Split(n, 90));
        }

        // Between the first and the second page of TrafficSplits: split-0 (on the first page) changes, split-1 (on the
        // first page) goes, split-9 appears, and the history is compacted so the first page's token has expired.
        var changed = 0;
        harness.Server.ContinuedList = request =>
        {
            if (request.Resource != "trafficsplits" || Interlocked.Exchange(ref changed, 1) == 1)
            {
                return;
            }

            harness.Apply(Split(0, 30));
            harness.DeleteSmiAsync("split.smi-spec.io", "v1alpha4", "trafficsplits", "shop", "split-1")
                .GetAwaiter().GetResult();
            harness.Apply(Split(9, 60));
            harness.Server.Compact();
        };
        harness.Server.ClearRequests();

        var core = await harness.StartControllerAsync(o => o.ListPageSize = 2);
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "svc-9") is not null, "split-9 is translated");
        await ControllerHarness.WaitIdleAsync(core);

        var splitLists = harness.Server.Requests
            .Where(r => r.Method == "GET" && r.Path.EndsWith("/trafficsplits", StringComparison.Ordinal) && !r.IsWatch)
            .ToList();
        output.WriteLine(string.Join(Environment.NewLine, splitLists));
        Assert.Equal(1, Volatile.Read(ref changed));
        var expired = Assert.Single(splitLists, r => r.StatusCode == 410);
        Assert.Contains("continue=", expired.Query, StringComparison.Ordinal);
        var relist = splitLists[splitLists.IndexOf(expired) + 1];
        Assert.Equal(200, relist.StatusCode);
        Assert.DoesNotContain("continue=", relist.Query, StringComparison.Ordinal);
        Assert.Contains(
            splitLists.Take(splitLists.IndexOf(expired)),
            r => r.Query.Contains("limit=2", StringComparison.Ordinal));

        var listed = (System.Text.Json.JsonElement)await harness.Client.CustomObjects.ListNamespacedCustomObjectAsync(
            "networking.istio.io", "v1", "shop", "virtualservices");
        var names = listed.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("metadata").GetProperty("name").GetString())
            .Order(StringComparer.Ordinal);
        Assert.Equal("svc-0,svc-2,svc-3,svc-4,svc-5,svc-9", string.Join(",", names));
        Assert.Equal(30, V1Weight(harness, "svc-0"));
        Assert.Equal(60, V1Weight(harness, "svc-9"));
        Assert.Equal(90, V1Weight(harness, "svc-2"));
    }
}
