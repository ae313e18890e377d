using System.Text.Json.Nodes;
using Smi.Metrics.Model;

namespace Smi.Metrics.Tests;

/// <summary>
/// Requests to the API for each mesh against the real Prometheus, compared with the values worked out by hand in
/// <see cref="Expected"/>.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class ServedMetricsTests(PrometheusFixture fixture, ITestOutputHelper output)
{
    private const string Root = "/apis/metrics.smi-spec.io/";

    public static TheoryData<string, string> ResourceCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var mesh in new[] { "istio", "linkerd", "consul" })
        {
            foreach (var version in new[] { "v1alpha1", "v1alpha2" })
            {
                data.Add(mesh, version);
            }
        }

        return data;
    }

    public static TheoryData<string> Meshes() => new() { "istio", "linkerd", "consul" };

    [Theory]
    [MemberData(nameof(ResourceCases))]
    public async Task Get_ReturnsHandComputedValues_ForEveryResourceKind(string mesh, string version)
    {
        if (SkipWithoutPrometheus())
        {
            return;
        }

        using var harness = new MeshHarness(fixture, mesh);
        foreach (var (resource, ns, name, expected) in Expected.Resources)
        {
            var path = ns is null ? $"{Root}{version}/namespaces/{name}" : $"{Root}{version}/namespaces/{ns}/{resource}/{name}";
            var item = await harness.GetOkAsync<TrafficMetrics>(path);
            MeshHarness.AssertValues(expected, item, $"{mesh} {path}");
            Assert.Equal("TrafficMetrics", item.Kind);
            Assert.Equal("metrics.smi-spec.io/" + version, item.ApiVersion);
            Assert.Equal(name, item.Resource.Name);
            Assert.Equal(ns, item.Resource.Namespace);
            Assert.Equal(harness.Timestamp, item.Timestamp);
            Assert.Equal("30s", item.Window);
            Assert.Null(item.Edge);
            Assert.Null(item.Backend);
            Assert.Equal(path, item.Metadata.SelfLink);
        }
    }

    [Theory]
    [MemberData(nameof(ResourceCases))]
    public async Task Edges_ReturnHandComputedValues_InTheVersionsShape(string mesh, string version)
    {
        if (SkipWithoutPrometheus())
        {
            return;
        }

        using var harness = new MeshHarness(fixture, mesh);
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
                MeshHarness.AssertValues(expected[i].Values, item, $"{mesh} {path} item {i} ({actual[i]})");
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

    [Theory]
    [MemberData(nameof(Meshes))]
    public async Task TrafficSplit_ServesOneItemPerBackend_InV1Alpha2Only(string mesh)
    {
        if (SkipWithoutPrometheus())
        {
            return;
        }

        using var harness = new MeshHarness(fixture, mesh);
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
        MeshHarness.AssertValues(Expected.StoreV1, list.Items[0], mesh + " store-v1");
        MeshHarness.AssertValues(Expected.SplitStoreV2(mesh), list.Items[1], mesh + " store-v2");

        var listed = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/namespaces/shop/trafficsplits?t=1m");
        Assert.Equal(["store-v1", "store-v2"], listed.Items.Select(item => item.Backend!.Name));
        Assert.Equal("180", listed.Items[0].Get(TrafficMetricNames.SuccessCount));

        var (status, _) = await harness.GetAsync(Root + "v1alpha1/namespaces/shop/trafficsplits/store-split");
        Assert.Equal(404, status);
        (status, _) = await harness.GetAsync(Root + "v1alpha2/namespaces/shop/trafficsplits/missing");
        Assert.Equal(404, status);
    }

    [Theory]
    [MemberData(nameof(Meshes))]
    public async Task Window_ScalesCounts_AndKeepsLatencies(string mesh)
    {
        if (SkipWithoutPrometheus())
        {
            return;
        }

        using var harness = new MeshHarness(fixture, mesh);
        // Deployment api: success 3.5/s and failure 1/s, so 60 s gives 210/60, 90 s 315/90 and 120 s 420/120.
        foreach (var (t, window, success, failure) in new[] { ("1m", "1m0s", "210", "60"), ("1m30s", "1m30s", "315", "90"), ("120s", "2m0s", "420", "120"), ("", "30s", "105", "30") })
        {
            var item = await harness.GetOkAsync<TrafficMetrics>($"{Root}v1alpha2/namespaces/shop/deployments/api?t={t}");
            MeshHarness.AssertValues(Expected.Api with { Success = success, Failure = failure }, item, $"{mesh} t={t}");
            Assert.Equal(window, item.Window);
        }

        // The window applies to edges as well: web → api over 1m is 180 successes and 30 failures.
        var edges = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/namespaces/shop/deployments/web/edges?t=1m");
        MeshHarness.AssertValues(Expected.WebToApi with { Success = "180", Failure = "30" }, Assert.Single(edges.Items), mesh + " web edges 1m");
    }

    [Theory]
    [MemberData(nameof(Meshes))]
    public async Task List_HasOneItemPerObject_FilteredByLabelSelector(string mesh)
    {
        if (SkipWithoutPrometheus())
        {
            return;
        }

        using var harness = new MeshHarness(fixture, mesh);
        var all = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha1/namespaces/shop/deployments");
        Assert.Equal("Deployment", all.Resource.Kind);
        Assert.Equal("shop", all.Resource.Namespace);
        Assert.Null(all.Resource.Name);
        Assert.Null(all.Selector);
        Assert.Equal(["api", "web"], all.Items.Select(item => item.Resource.Name));
        MeshHarness.AssertValues(Expected.Api, all.Items[0], mesh + " list api");
        MeshHarness.AssertValues(Expect.Zero, all.Items[1], mesh + " list web");

        var backend = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha1/namespaces/shop/deployments?labelSelector=tier%3Dbackend");
        MeshHarness.AssertValues(Expected.Api, Assert.Single(backend.Items), mesh + " selector");
        Assert.Equal("backend", backend.Selector!.MatchLabels["tier"]);

        var pods = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/namespaces/shop/pods?labelSelector=app+in+(api,store)");
        Assert.Equal(["api-1", "api-2", "store-v1-0", "store-v2-x"], pods.Items.Select(item => item.Resource.Name));
        MeshHarness.AssertValues(Expected.Api1, pods.Items[0], mesh + " pods api-1");
        MeshHarness.AssertValues(Expected.Api2, pods.Items[1], mesh + " pods api-2");
        MeshHarness.AssertValues(Expected.StoreV1, pods.Items[2], mesh + " pods store-v1-0");
        MeshHarness.AssertValues(Expected.StoreV2, pods.Items[3], mesh + " pods store-v2-x");

        var namespaces = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/namespaces");
        Assert.Equal(["ops", "shop"], namespaces.Items.Select(item => item.Resource.Name));
        MeshHarness.AssertValues(Expect.Zero, namespaces.Items[0], mesh + " ns ops");
        MeshHarness.AssertValues(Expected.NamespaceShop, namespaces.Items[1], mesh + " ns shop");

        var everywhere = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/deployments");
        Assert.Equal(["ops/probe", "shop/api", "shop/web"], everywhere.Items.Select(item => item.Resource.Namespace + "/" + item.Resource.Name));
        MeshHarness.AssertValues(Expected.Api, everywhere.Items[1], mesh + " all-namespaces api");

        var statefulsets = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/namespaces/shop/statefulsets");
        MeshHarness.AssertValues(Expected.StoreV1, Assert.Single(statefulsets.Items), mesh + " statefulsets");
        var daemonsets = await harness.GetOkAsync<TrafficMetricsList>(Root + "v1alpha2/namespaces/shop/daemonsets");
        MeshHarness.AssertValues(Expected.StoreV2, Assert.Single(daemonsets.Items), mesh + " daemonsets");
    }

    [Fact]
    public async Task Requests_ThatCannotBeServed_GetKubernetesStatusErrors()
    {
        if (SkipWithoutPrometheus())
        {
            return;
        }

        using var harness = new MeshHarness(fixture, "linkerd");
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

    [Fact]
    public async Task Discovery_ListsResourcesPerVersion()
    {
        if (SkipWithoutPrometheus())
        {
            return;
        }

        using var harness = new MeshHarness(fixture, "istio");
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

    [Fact]
    public async Task HttpServer_ServesTheApi_OnLoopback()
    {
        if (SkipWithoutPrometheus())
        {
            return;
        }

        using var harness = new MeshHarness(fixture, "consul");
        await using var server = Api.TrafficMetricsHttpServer.Start(harness.Api);
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(new Uri(server.BaseAddress, "apis/metrics.smi-spec.io/v1alpha1/namespaces/shop/deployments/api"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var item = System.Text.Json.JsonSerializer.Deserialize<TrafficMetrics>(await response.Content.ReadAsStringAsync())!;
        MeshHarness.AssertValues(Expected.Api, item, "http consul api");

        using var missing = await http.GetAsync(new Uri(server.BaseAddress, "apis/metrics.smi-spec.io/v1alpha1/namespaces/shop/widgets"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    private bool SkipWithoutPrometheus()
    {
        if (fixture.Unavailable is null)
        {
            return false;
        }

        output.WriteLine("NOT RUN: " + fixture.Unavailable);
        if (Environment.GetEnvironmentVariable("SMI_REQUIRE_PROMETHEUS") == "1")
        {
            Assert.Fail(fixture.Unavailable);
        }

        return true;
    }
}
