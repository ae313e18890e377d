using Smi.Metrics.Model;

namespace Smi.Metrics.Tests;

/// <summary>
/// The cases where metrics as the meshes really export them used to be misread: gRPC failures, responses that never
/// came, peers Istio cannot name, ambient waypoints, Linkerd authorities without the cluster domain, Consul before 1.10
/// and Consul services with protocol tcp, and windows too short for the scrape interval. Series are in
/// <see cref="RealExports"/>; rates are per second and every histogram there gives p50 5, p90 9, p99 9.9 ms.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class RealExportsTests(PrometheusFixture fixture)
{
    private const string V2 = "/apis/metrics.smi-spec.io/v1alpha2/";

    public static TheoryData<int> ScrapeIntervals() => new(PrometheusFixture.ScrapeIntervals);

    [PrometheusTheory]
    [MemberData(nameof(ScrapeIntervals))]
    public async Task Istio_GrpcErrors_AndMissingResponses_AreFailures(int scrape)
    {
        using var harness = new MeshHarness(fixture, scrape, "istio", directory: MeshHarness.RealExportsDirectory());
        var (seconds, _) = Expected.DefaultWindow(scrape);

        // Successes: HTTP 200 + grpc 0 (3/s), HTTP 404 without grpc status (0.5/s), and 1/s from outside the mesh.
        // Failures: HTTP 200 + grpc 14 (1/s), response_code 0 (0.5/s), HTTP 503 + grpc 14 (0.5/s).
        var server = await harness.GetOkAsync<TrafficMetrics>(V2 + "namespaces/rpc/deployments/server");
        MeshHarness.AssertValues(Expect.FirstBucket(4.5, 2), server, seconds, "istio rpc/server");
    }

    [PrometheusTheory]
    [MemberData(nameof(ScrapeIntervals))]
    public async Task Istio_UnknownPeers_AreLeftOutOfEdges(int scrape)
    {
        using var harness = new MeshHarness(fixture, scrape, "istio", directory: MeshHarness.RealExportsDirectory());
        var (seconds, _) = Expected.DefaultWindow(scrape);

        // From: client only (3.5/s and 2/s: as above, without the traffic from outside the mesh), at the server.
        var from = await harness.GetOkAsync<TrafficMetricsList>(V2 + "namespaces/rpc/deployments/server/edges");
        var edge = Assert.Single(from.Items);
        var peer = edge.Edge!.Resource;
        var seen = (edge.Edge.Direction, edge.Edge.Side, peer.Namespace, peer.Name);
        Assert.Equal(("from", "server", "rpc", "client"), seen);
        MeshHarness.AssertValues(Expect.FirstBucket(3.5, 2), edge, seconds, "istio server from client");

        // To: ambient (2/s) and server (3.5/s, 2/s); the call to an external host (destination "unknown") is left out.
        var to = await harness.GetOkAsync<TrafficMetricsList>(V2 + "namespaces/rpc/deployments/client/edges");
        Assert.Equal(["to ambient", "to server"], to.Items.Select(Describe));
        MeshHarness.AssertValues(Expect.FirstBucket(2, 0), to.Items[0], seconds, "istio client to ambient");
        MeshHarness.AssertValues(Expect.FirstBucket(3.5, 2), to.Items[1], seconds, "istio client to server");

        // Namespace rpc: no namespace "unknown" on either side. To: server + ambient; from: the same, at the server.
        var ns = await harness.GetOkAsync<TrafficMetricsList>(V2 + "namespaces/rpc/edges");
        Assert.Equal(["to rpc", "from rpc"], ns.Items.Select(Describe));
        MeshHarness.AssertValues(Expect.FirstBucket(5.5, 2), ns.Items[0], seconds, "istio rpc to rpc");
        MeshHarness.AssertValues(Expect.FirstBucket(5.5, 2), ns.Items[1], seconds, "istio rpc from rpc");
    }

    [PrometheusTheory]
    [MemberData(nameof(ScrapeIntervals))]
    public async Task Istio_AmbientWorkloads_AreMeasuredAtTheirWaypoint(int scrape)
    {
        using var harness = new MeshHarness(fixture, scrape, "istio", directory: MeshHarness.RealExportsDirectory());
        var (seconds, _) = Expected.DefaultWindow(scrape);
        var ambient = await harness.GetOkAsync<TrafficMetrics>(V2 + "namespaces/rpc/deployments/ambient");
        MeshHarness.AssertValues(Expect.FirstBucket(2, 0), ambient, seconds, "istio rpc/ambient");

        var from = await harness.GetOkAsync<TrafficMetricsList>(V2 + "namespaces/rpc/deployments/ambient/edges");
        var edge = Assert.Single(from.Items);
        Assert.Equal(("from", "client"), (edge.Edge!.Direction, edge.Edge.Resource.Name));
        MeshHarness.AssertValues(Expect.FirstBucket(2, 0), edge, seconds, "istio ambient from client");
    }

    [PrometheusTheory]
    [MemberData(nameof(ScrapeIntervals))]
    public async Task Linkerd_SplitBackends_CountEveryAuthorityFormOfTheApex(int scrape)
    {
        using var harness = new MeshHarness(fixture, scrape, "linkerd", directory: MeshHarness.RealExportsDirectory());
        var (seconds, _) = Expected.DefaultWindow(scrape);

        // pay-v1: 1 + 0.5 + 0.5 through the apex; pay-v2: 0.5 through the apex (its 1/s of direct calls are not).
        var split = await harness.GetOkAsync<TrafficMetricsList>(V2 + "namespaces/pay/trafficsplits/pay-split");
        Assert.Equal(["pay-v1", "pay-v2"], split.Items.Select(item => item.Backend!.Name));
        MeshHarness.AssertValues(Expect.FirstBucket(2, 0), split.Items[0], seconds, "linkerd pay-v1");
        MeshHarness.AssertValues(Expect.FirstBucket(0.5, 0), split.Items[1], seconds, "linkerd pay-v2");
    }

    [PrometheusTheory]
    [MemberData(nameof(ScrapeIntervals))]
    public async Task Consul_OldListenerPrefix_IsRead_AndTcpServicesAreUnknown_NotZero(int scrape)
    {
        using var harness = new MeshHarness(fixture, scrape, "consul", directory: MeshHarness.RealExportsDirectory());
        var (seconds, _) = Expected.DefaultWindow(scrape);
        var oldApi = await harness.GetOkAsync<TrafficMetrics>(V2 + "namespaces/legacy/deployments/old-api");
        MeshHarness.AssertValues(Expect.FirstBucket(2, 0.5), oldApi, seconds, "consul legacy/old-api");
        Assert.False(oldApi.Metadata.Annotations!.ContainsKey(MetricsAnnotations.MissingData));

        var list = await harness.GetOkAsync<TrafficMetricsList>(V2 + "namespaces/legacy/deployments");
        Assert.Equal(["cache", "old-api"], list.Items.Select(item => item.Resource.Name));
        var single = await harness.GetOkAsync<TrafficMetrics>(V2 + "namespaces/legacy/deployments/cache");
        foreach (var cache in new[] { list.Items[0], single })
        {
            Assert.All(cache.Metrics, metric => Assert.Null(metric.Value));
            Assert.Contains("protocol tcp", MissingData(cache), StringComparison.Ordinal);
        }

        MeshHarness.AssertValues(Expect.FirstBucket(2, 0.5), list.Items[1], seconds, "consul list old-api");
    }

    [PrometheusTheory]
    [InlineData("istio")]
    [InlineData("linkerd")]
    [InlineData("consul")]
    public async Task WindowWithFewerThanTwoSamples_IsReported_NotReadAsZeroTraffic(string mesh)
    {
        // A scrape interval set too short (5 s where Prometheus scrapes every 60 s) leaves the 30 s window with at most
        // one sample per series: increase() has nothing to say, and the counts must be unknown rather than 0.
        var wrong = new TrafficMetricsOptions { ScrapeInterval = TimeSpan.FromSeconds(5) };
        using var harness = new MeshHarness(fixture, 60, mesh, wrong);
        var item = await harness.GetOkAsync<TrafficMetrics>(V2 + "namespaces/shop/deployments/api?t=30s");
        Assert.Equal("30s", item.Window);
        Assert.All(item.Metrics, metric => Assert.Null(metric.Value));
        Assert.Contains("fewer than two samples", MissingData(item), StringComparison.Ordinal);

        // A resource without any series is still plain "no traffic": zero counts, no latencies, no note.
        var web = await harness.GetOkAsync<TrafficMetrics>(V2 + "namespaces/shop/deployments/web?t=30s");
        MeshHarness.AssertValues(Expect.NoTraffic, web, 30, mesh + " web");
        Assert.Null(web.Metadata.Annotations);

        // Edges too: the peers are reported, with unknown counts.
        var edges = await harness.GetOkAsync<TrafficMetricsList>(V2 + "namespaces/shop/deployments/web/edges?t=30s");
        var edge = Assert.Single(edges.Items);
        Assert.Equal("api", edge.Edge!.Resource.Name);
        Assert.Null(edge.Get(TrafficMetricNames.SuccessCount));
        Assert.Contains("fewer than two samples", MissingData(edge), StringComparison.Ordinal);
    }

    [PrometheusTheory]
    [MemberData(nameof(ScrapeIntervals))]
    public async Task ScrapeInterval_IsReadFromPrometheus_OrTakenFromTheSetting(int scrape)
    {
        using var read = new MeshHarness(fixture, scrape, "linkerd");
        var plan = await read.Service.PlanWindowAsync(MetricsWindow.Default, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(scrape), plan.ScrapeInterval);
        Assert.Equal("read from its configuration", plan.ScrapeIntervalOrigin);
        Assert.Equal(TimeSpan.FromSeconds(4 * scrape), plan.Effective.Duration);

        // A setting wins over the configuration: 10 s on any server gives a 40 s window.
        var tenSeconds = new TrafficMetricsOptions { ScrapeInterval = TimeSpan.FromSeconds(10) };
        using var set = new MeshHarness(fixture, scrape, "linkerd", tenSeconds);
        var configured = await set.Service.PlanWindowAsync(MetricsWindow.Default, CancellationToken.None);
        var actual = (configured.ScrapeIntervalOrigin, configured.Effective.Duration);
        Assert.Equal(("configured", TimeSpan.FromSeconds(40)), actual);
    }

    private static string Describe(TrafficMetrics item) => item.Edge!.Direction + " " + item.Edge.Resource.Name;

    private static string MissingData(TrafficMetrics item) =>
        item.Metadata.Annotations![MetricsAnnotations.MissingData];
}
