using System.Text.Json.Nodes;
using Smi.Metrics.Model;

namespace Smi.Metrics.Tests;

/// <summary>
/// Requests to the API for each mesh against the real Prometheus servers (15 s, 30 s and 60 s scrapes), compared with
/// the values worked out by hand in <see cref="Expected"/>.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class ServedMetricsTests(PrometheusFixture fixture)
{
    private const string Root = "/apis/metrics.smi-spec.io/";

    public static TheoryData<string, string, int> ResourceCases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var mesh in new[] { "istio", "linkerd", "consul" })
        {
            foreach (var version in new[] { "v1alpha1", "v1alpha2" })
            {
                foreach (var scrape in PrometheusFixture.ScrapeIntervals)
                {
                    data.Add(mesh, version, scrape);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, int> MeshesAndScrapeIntervals()
    {
        var data = new TheoryData<string, int>();
        foreach (var mesh in new[] { "istio", "linkerd", "consul" })
        {
            foreach (var scrape in PrometheusFixture.ScrapeIntervals)
            {
                data.Add(mesh, scrape);
            }
        }

        return data;
    }

    [PrometheusTheory]
    [MemberData(nameof(ResourceCases))]
    public async Task Get_ReturnsHandComputedValues_ForEveryResourceKind(string mesh, string version, int scrape)
    {
        using var harness = new MeshHarness(fixture, scrape, mesh);
        var (seconds, window) = Expected.DefaultWindow(scrape);
        foreach (var (resource, ns, name, expected) in Expected.Resources)
        {
            var path = ns is null ? $"{Root}{version}/namespaces/{name}" : $"{Root}{version}/namespaces/{ns}/{resource}/{name}";
            var item = await harness.GetOkAsync<TrafficMetrics>(path);
            MeshHarness.AssertValues(expected, item, seconds, $"{mesh} {path}");
            Assert.Equal("TrafficMetrics", item.Kind);
            Assert.Equal("metrics.smi-spec.io/" + version, item.ApiVersion);
            Assert.Equal(name, item.Resource.Name);
            Assert.Equal(ns, item.Resource.Namespace);
            Assert.Equal(harness.Timestamp, item.Timestamp);
            Assert.Equal(window, item.Window);
            Assert.Equal("30s", item.Metadata.Annotations?[MetricsAnnotations.RequestedWindow]);
            Assert.Null(item.Edge);
            Assert.Null(item.Backend);
            Assert.Equal(path, item.Metadata.SelfLink);
        }
    }

    [PrometheusTheory]
    [MemberData(nameof(ResourceCases))]
    public async Task Edges_ReturnHandComputedValues_InTheVersionsShape(string mesh, string version, int scrape)
    {
        using var harness = new MeshHarness(fixture, scrape, mesh);
        var (seconds, _) = Expected.DefaultWindow(scrape);
        foreach (var (resource, ns, name) in Expected.EdgeCases)
        {
            var path = (ns is null ? $"{Root}{version}/namespaces/{name}" : $"{Root}{version}/namespaces/{ns}/{resource}/{name}") + "/edges";
            var expected = Expected.Edges(mesh, resource, ns, name);
            var (status, body) = await harness.GetAsync(path);
            if (expected is null)
            {
                Assert.True(status == 404, $"{mesh} {path}: expected 404, got {status}: {body}");
                Assert.Contains("edges", JsonNode.Parse(body)!["message"]!.GetValue<string>(), StringComparison.Ordinal);
                continue;
            }

            Assert.True(status == 200, $"{mesh} {path}: {status} {body}");
            var list = System.Text.Json.JsonSerializer.Deserialize<TrafficMetricsList>(body)!;
            Assert.Equal("TrafficMetricsList", list.Kind);
            Assert.Equal(name, list.Resource.Name);
            var actual = list.Items.Select(item => $"{item.Edge!.Direction} {item.Edge.Resource}").ToArray();
            var wanted = expected.Select(edge => $"{edge.Direction} {edge.PeerKind}/{(edge.PeerNamespace is null ? string.Empty : edge.PeerNamespace + "/")}{edge.PeerName}").ToArray();
            Assert.Equal(wanted, actual);
            for (var i = 0; i < expected.Count; i++)
            {
                var item = list.Items[i];
                MeshHarness.AssertValues(expected[i].Values, item, seconds, $"{mesh} {path} item {i} ({actual[i]})");
                Assert.Equal(version == "v1alpha1" ? null : expected[i].Side, item.Edge!.Side);
                Assert.Equal(name, item.Resource.Name);
            }

            // v1alpha1 has no edge.side at all; v1alpha2 always writes it.
            var json = JsonNode.Parse(body)!["items"]!.AsArray();
            foreach (var item in json)
            {
                Assert.Equal(version == "v1alpha2", item!["edge"]!.AsObject().ContainsKey("side"));
            }
        }
    }

    [PrometheusTheory]
    [MemberData(nameof(MeshesAndScrapeIntervals))]
    public async Task TrafficSplit_ServesOneItemPerBackend_InV1Alpha2Only(string mesh, int scrape)
    {
        using var harness = new MeshHarness(fixture, scrape, mesh);
        var (seconds, _) = Expected.DefaultWindow(scrape);
        var list = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/namespaces/shop/trafficsplits/store-split");
        Assert.Equal(2, list.Items.Count);
        Assert.All(list.Items, item =>
        {
            Assert.Equal("TrafficSplit", item.Resource.Kind);
            Assert.Equal("store-split", item.Resource.Name);
            Assert.Equal("from", item.Edge!.Direction);
            Assert.Equal("client", item.Edge.Side);
            Assert.Equal("{}", item.Edge.Resource.ToString());
            Assert.Equal("store", item.Backend!.Apex);
        });
        Assert.Equal(("store-v1", 90L), (list.Items[0].Backend!.Name, list.Items[0].Backend!.Weight));
        Assert.Equal(("store-v2", 10L), (list.Items[1].Backend!.Name, list.Items[1].Backend!.Weight));
        MeshHarness.AssertValues(Expected.StoreV1, list.Items[0], seconds, mesh + " store-v1");
        MeshHarness.AssertValues(Expected.SplitStoreV2(mesh), list.Items[1], seconds, mesh + " store-v2");

        // t=1m: store-v1 succeeds 3/s, so 180 over a minute, or over the window it is widened to.
        var listed = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/namespaces/shop/trafficsplits?t=1m");
        Assert.Equal(["store-v1", "store-v2"], listed.Items.Select(item => item.Backend!.Name));
        var oneMinute = scrape switch { 15 => "180", 30 => "360", _ => "720" };
        Assert.Equal(oneMinute, listed.Items[0].Get(TrafficMetricNames.SuccessCount));

        var (status, _) = await harness.GetAsync(Root + "v1alpha1/namespaces/shop/trafficsplits/store-split");
        Assert.Equal(404, status);
        (status, _) = await harness.GetAsync(Root + "v1alpha2/namespaces/shop/trafficsplits/missing");
        Assert.Equal(404, status);
    }

    [PrometheusTheory]
    [MemberData(nameof(MeshesAndScrapeIntervals))]
    public async Task Window_IsHonouredWhenLongEnough_AndWidenedToFourScrapeIntervalsWhenNot(string mesh, int scrape)
    {
        using var harness = new MeshHarness(fixture, scrape, mesh);

        // Deployment api: success 3.5/s, failure 1/s. Four scrape intervals are 60 s, 120 s and 240 s.
        var cases = scrape switch
        {
            15 => new (string T, int Seconds, string Window, string? WidenedFrom)[]
            {
                ("1m", 60, "1m0s", null), ("1m30s", 90, "1m30s", null), ("120s", 120, "2m0s", null),
                ("", 60, "1m0s", "30s"),
            },
            30 =>
            [
                ("1m", 120, "2m0s", "1m0s"), ("1m30s", 120, "2m0s", "1m30s"), ("120s", 120, "2m0s", null),
                ("5m", 300, "5m0s", null),
            ],
            _ =>
            [
                ("1m", 240, "4m0s", "1m0s"), ("3m", 240, "4m0s", "3m0s"), ("4m", 240, "4m0s", null),
                ("5m", 300, "5m0s", null),
            ],
        };
        foreach (var (t, seconds, window, widenedFrom) in cases)
        {
            var item = await harness.GetOkAsync<TrafficMetrics>($"{Root}v1alpha2/namespaces/shop/deployments/api?t={t}");
            MeshHarness.AssertValues(Expected.Api, item, seconds, $"{mesh} t={t}");
            Assert.Equal(window, item.Window);
            var annotations = item.Metadata.Annotations ?? [];
            Assert.Equal(widenedFrom, annotations.GetValueOrDefault(MetricsAnnotations.RequestedWindow));
            if (widenedFrom is not null)
            {
                var interval = MetricsWindow.FromDuration(TimeSpan.FromSeconds(scrape)).ToString();
                Assert.Equal(interval, annotations[MetricsAnnotations.ScrapeInterval]);
                var note = annotations[MetricsAnnotations.WindowNote];
                Assert.Contains("read from its configuration", note, StringComparison.Ordinal);
            }
        }

        // The window applies to edges as well: web → api (3/s and 0.5/s) over 1m, or what 1m is widened to.
        var edges = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/namespaces/shop/deployments/web/edges?t=1m");
        var edge = Assert.Single(edges.Items);
        MeshHarness.AssertValues(Expected.WebToApi, edge, Math.Max(60, 4 * scrape), mesh + " web edges 1m");
    }

    [PrometheusTheory]
    [MemberData(nameof(MeshesAndScrapeIntervals))]
    public async Task List_HasOneItemPerObject_FilteredByLabelSelector(string mesh, int scrape)
    {
        using var harness = new MeshHarness(fixture, scrape, mesh);
        var (w, _) = Expected.DefaultWindow(scrape);
        var all = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha1/namespaces/shop/deployments");
        Assert.Equal("Deployment", all.Resource.Kind);
        Assert.Equal("shop", all.Resource.Namespace);
        Assert.Null(all.Resource.Name);
        Assert.Null(all.Selector);
        Assert.Equal(["api", "web"], all.Items.Select(item => item.Resource.Name));
        MeshHarness.AssertValues(Expected.Api, all.Items[0], w, mesh + " list api");
        MeshHarness.AssertValues(Expect.NoTraffic, all.Items[1], w, mesh + " list web");

        var backend = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha1/namespaces/shop/deployments?labelSelector=tier%3Dbackend");
        MeshHarness.AssertValues(Expected.Api, Assert.Single(backend.Items), w, mesh + " selector");
        Assert.Equal("backend", backend.Selector!.MatchLabels["tier"]);

        var pods = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/namespaces/shop/pods?labelSelector=app+in+(api,store)");
        Assert.Equal(["api-1", "api-2", "store-v1-0", "store-v2-x"], pods.Items.Select(item => item.Resource.Name));
        MeshHarness.AssertValues(Expected.Api1, pods.Items[0], w, mesh + " pods api-1");
        MeshHarness.AssertValues(Expected.Api2, pods.Items[1], w, mesh + " pods api-2");
        MeshHarness.AssertValues(Expected.StoreV1, pods.Items[2], w, mesh + " pods store-v1-0");
        MeshHarness.AssertValues(Expected.StoreV2, pods.Items[3], w, mesh + " pods store-v2-x");

        var namespaces = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/namespaces");
        Assert.Equal(["ops", "shop"], namespaces.Items.Select(item => item.Resource.Name));
        MeshHarness.AssertValues(Expect.NoTraffic, namespaces.Items[0], w, mesh + " ns ops");
        MeshHarness.AssertValues(Expected.NamespaceShop, namespaces.Items[1], w, mesh + " ns shop");

        var everywhere = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/deployments");
        Assert.Equal(["ops/probe", "shop/api", "shop/web"], everywhere.Items.Select(item => item.Resource.Namespace + "/" + item.Resource.Name));
        MeshHarness.AssertValues(Expected.Api, everywhere.Items[1], w, mesh + " all-namespaces api");

        var statefulsets = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/namespaces/shop/statefulsets");
        MeshHarness.AssertValues(Expected.StoreV1, Assert.Single(statefulsets.Items), w, mesh + " statefulsets");
        var daemonsets = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/namespaces/shop/daemonsets");
        MeshHarness.AssertValues(Expected.StoreV2, Assert.Single(daemonsets.Items), w, mesh + " daemonsets");
    }

    [PrometheusFact]
    public async Task Requests_ThatCannotBeServed_GetKubernetesStatusErrors()
    {
        using var harness = new MeshHarness(fixture, 15, "linkerd");
        foreach (var (path, code, reason) in new[]
        {
            (Root + "v1alpha1/namespaces/shop/deployments/api?t=soon", 400, "BadRequest"),
            (Root + "v1alpha1/namespaces/shop/deployments/api?t=0s", 400, "BadRequest"),
            (Root + "v1alpha1/namespaces/shop/deployments?labelSelector=a%3D%3D%3D", 400, "BadRequest"),
            (Root + "v1alpha1/namespaces/shop/services/api", 404, "NotFound"),
            (Root + "v1alpha1/namespaces/shop/trafficsplits", 404, "NotFound"),
            (Root + "v1alpha1/namespaces/shop/namespaces", 404, "NotFound"),
            (Root + "v1alpha1/namespaces/shop/deployments/api/edges/more", 404, "NotFound"),
            (Root + "v1beta1/namespaces/shop/pods", 404, "NotFound"),
            ("/apis/other.example.com/v1/pods", 404, "NotFound"),
            (Root + "v1alpha2/namespaces/shop/trafficsplits/store-split/edges", 404, "NotFound"),
        })
        {
            var (status, body) = await harness.GetAsync(path);
            Assert.True(status == code, $"{path}: expected {code}, got {status}: {body}");
            var document = JsonNode.Parse(body)!;
            Assert.Equal("Status", document["kind"]!.GetValue<string>());
            Assert.Equal(reason, document["reason"]!.GetValue<string>());
            Assert.Equal(code, document["code"]!.GetValue<int>());
        }

        var posted = await harness.Api.HandleAsync("POST", Root + "v1alpha1/namespaces/shop/pods", CancellationToken.None);
        Assert.Equal(405, posted.StatusCode);
    }

    [PrometheusFact]
    public async Task Discovery_ListsResourcesPerVersion()
    {
        using var harness = new MeshHarness(fixture, 15, "istio");
        var v1 = await harness.GetOkAsync<ApiResourceList>(Root + "v1alpha1");
        Assert.Equal("APIResourceList", v1.Kind);
        Assert.Equal("metrics.smi-spec.io/v1alpha1", v1.GroupVersion);
        Assert.Equal(
            ["namespaces", "namespaces/edges", "pods", "pods/edges", "deployments", "deployments/edges", "statefulsets", "statefulsets/edges", "daemonsets", "daemonsets/edges"],
            v1.Resources.Select(resource => resource.Name));
        Assert.False(v1.Resources[0].Namespaced);
        Assert.True(v1.Resources[2].Namespaced);
        Assert.All(v1.Resources, resource => Assert.Equal("TrafficMetrics", resource.Kind));

        var v2 = await harness.GetOkAsync<ApiResourceList>(Root + "v1alpha2/");
        Assert.Contains(v2.Resources, resource => resource.Name == "trafficsplits");
    }

    [PrometheusFact]
    public async Task HttpServer_ServesTheApi_OnLoopback()
    {
        using var harness = new MeshHarness(fixture, 60, "consul");
        await using var server = Api.TrafficMetricsHttpServer.Start(harness.Api);
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(new Uri(server.BaseAddress, "apis/metrics.smi-spec.io/v1alpha1/namespaces/shop/deployments/api"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var item = System.Text.Json.JsonSerializer.Deserialize<TrafficMetrics>(await response.Content.ReadAsStringAsync())!;
        MeshHarness.AssertValues(Expected.Api, item, 240, "http consul api");

        using var missing = await http.GetAsync(new Uri(server.BaseAddress, "apis/metrics.smi-spec.io/v1alpha1/namespaces/shop/widgets"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
