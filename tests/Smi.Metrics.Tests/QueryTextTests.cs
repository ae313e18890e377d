using Smi.Metrics.Queries;

namespace Smi.Metrics.Tests;

/// <summary>The PromQL each mesh provider writes, spelled out once so a change is visible in review.</summary>
public sealed class QueryTextTests
{
    private static readonly MetricsWindow OneMinute = MetricsWindow.FromDuration(TimeSpan.FromMinutes(1));

    [Fact]
    public void Linkerd_ResourceQueries_UseInboundAndTheKindLabel()
    {
        var set = new LinkerdMetricsQueries().Resource(MetricsResourceKinds.Deployments, "shop", "api", OneMinute);
        Assert.Equal(
            "sum by (namespace, deployment) (increase(response_total{direction=\"inbound\", namespace=\"shop\", deployment=\"api\", classification=\"success\"}[60s]))",
            set.SuccessCount);
        Assert.Equal(
            "sum by (namespace, deployment) (increase(response_total{direction=\"inbound\", namespace=\"shop\", deployment=\"api\", classification=\"failure\"}[60s]))",
            set.FailureCount);
        Assert.Equal(
            "histogram_quantile(0.99, sum by (le, namespace, deployment) (rate(response_latency_ms_bucket{direction=\"inbound\", namespace=\"shop\", deployment=\"api\"}[60s])))",
            set.LatencyP99);
    }

    [Fact]
    public void Linkerd_Edges_UseOutboundAndDstLabels()
    {
        var edges = new LinkerdMetricsQueries().Edges(MetricsResourceKinds.Pods, "shop", "api-2", MetricsWindow.Default);
        Assert.Equal(
            "sum by (dst_namespace, dst_pod) (increase(response_total{direction=\"outbound\", namespace=\"shop\", pod=\"api-2\", dst_pod!=\"\", classification=\"success\"}[30s]))",
            edges[0].Queries.SuccessCount);
        Assert.Equal(
            "histogram_quantile(0.5, sum by (le, namespace, pod) (rate(response_latency_ms_bucket{direction=\"outbound\", dst_namespace=\"shop\", dst_pod=\"api-2\", pod!=\"\"}[30s])))",
            edges[1].Queries.LatencyP50);
    }

    [Fact]
    public void Linkerd_SplitBackend_MatchesTheApexAuthority()
    {
        var set = new LinkerdMetricsQueries().TrafficSplitBackend("shop", "store", "store-v1", MetricsWindow.Default).Queries;
        Assert.Equal(
            "sum (increase(response_total{direction=\"outbound\", dst_namespace=\"shop\", dst_service=\"store-v1\", "
            + "authority=~\"store(\\\\.shop(\\\\.svc(\\\\.[^:]+)?)?)?(:[0-9]+)?\", classification=\"success\"}[30s]))",
            set.SuccessCount);
    }

    [Fact]
    public void Istio_ResourceQueries_UseTheDestinationReporterAndWorkload()
    {
        var set = new IstioMetricsQueries().Resource(MetricsResourceKinds.StatefulSets, "shop", null, MetricsWindow.Default);
        const string By = "by (destination_workload_namespace, destination_workload) ";
        const string Selected = "reporter=~\"destination|waypoint\", destination_workload_namespace=\"shop\", "
            + "destination_workload!~\"|unknown\"";
        Assert.Equal(
            "sum " + By + "("
            + "increase(istio_requests_total{" + Selected + ", response_code=~\"5..|0\"}[30s]) or "
            + "increase(istio_requests_total{" + Selected
            + ", response_code!~\"5..|0\", grpc_response_status!~\"|0\"}[30s]))",
            set.FailureCount);
        Assert.Equal(
            "sum " + By + "("
            + "increase(istio_requests_total{" + Selected
            + ", response_code!~\"5..|0\", grpc_response_status=~\"|0\"}[30s]))",
            set.SuccessCount);
        Assert.Equal(
            "histogram_quantile(0.9, sum by (le, destination_workload_namespace, destination_workload) (rate("
            + "istio_request_duration_milliseconds_bucket{" + Selected + "}[30s])))",
            set.LatencyP90);
        Assert.Equal(
            "max " + By + "(count_over_time(istio_requests_total{" + Selected + "}[30s])) "
            + "or max " + By + "(0 * last_over_time(istio_requests_total{" + Selected + "}[330s]))",
            set.SampleCount);
        Assert.False(new IstioMetricsQueries().SupportsEdges(MetricsResourceKinds.Pods));
    }

    [Fact]
    public void Consul_UsesDownstreamForOwnStats_AndUpstreamForEdges()
    {
        var queries = new ConsulMetricsQueries();
        var own = queries.Resource(MetricsResourceKinds.Deployments, "shop", "api", MetricsWindow.Default);
        Assert.Equal(
            "sum by (namespace, consul_source_service) (increase(envoy_http_downstream_rq_xx{"
            + "envoy_http_conn_manager_prefix=~\"public_listener|public_listener_http\", namespace=\"shop\", "
            + "consul_source_service=\"api\", envoy_response_code_class!=\"5\"}[30s]))",
            own.SuccessCount);
        Assert.Equal(
            "max by (namespace, consul_source_service) (last_over_time(envoy_tcp_downstream_cx_total{"
            + "envoy_tcp_prefix=\"public_listener\", namespace=\"shop\", consul_source_service=\"api\"}[330s]))",
            Assert.Single(own.Probes).Query);
        var edges = queries.Edges(MetricsResourceKinds.Deployments, "shop", "api", MetricsWindow.Default);
        Assert.Equal(
            "sum by (consul_destination_service) (increase(envoy_cluster_upstream_rq_xx{namespace=\"shop\", local_cluster=\"api\", consul_destination_service!=\"\", envoy_response_code_class=\"5\"}[30s]))",
            edges[0].Queries.FailureCount);
        Assert.Equal("shop", edges[0].Queries.Peer!.FixedNamespace);
        Assert.Throws<NotSupportedException>(() => queries.Edges(MetricsResourceKinds.Namespaces, null, "shop", MetricsWindow.Default));
    }

    [Theory]
    [InlineData("pay", true)]
    [InlineData("pay:8080", true)]
    [InlineData("pay.pay", true)]
    [InlineData("pay.pay:8080", true)]
    [InlineData("pay.pay.svc", true)]
    [InlineData("pay.pay.svc:8080", true)]
    [InlineData("pay.pay.svc.cluster.local", true)]
    [InlineData("pay.pay.svc.cluster.local:8080", true)]
    [InlineData("pay.pay.svc.cluster.local.:8080", true)]
    [InlineData("pay-v2.pay.svc.cluster.local:8080", false)]
    [InlineData("payments.pay.svc.cluster.local:8080", false)]
    [InlineData("pay.other.svc.cluster.local:8080", false)]
    [InlineData("payxpay.svc:8080", false)]
    public void Linkerd_AuthorityPattern_AcceptsEveryFormOfTheApex(string authority, bool matches)
    {
        // PromQL anchors regular expressions at both ends, as this does.
        var pattern = "^(?:" + LinkerdMetricsQueries.AuthorityPattern("pay", "pay") + ")$";
        Assert.Equal(matches, System.Text.RegularExpressions.Regex.IsMatch(authority, pattern));
    }

    [Fact]
    public void LabelValues_AreEscaped()
    {
        Assert.Equal("\"a\\\"b\\\\c\"", PromQl.Quote("a\"b\\c"));
        Assert.Equal(@"a\.b\*", PromQl.RegexEscape("a.b*"));
    }

    [Theory]
    [InlineData("istio")]
    [InlineData("Linkerd")]
    [InlineData("consul")]
    public void Meshes_AreFoundByName(string mesh)
    {
        Assert.True(MeshMetricsQueries.TryGet(mesh, out var queries));
        Assert.Equal(mesh.ToLowerInvariant(), queries.Mesh);
        Assert.False(MeshMetricsQueries.TryGet("kuma", out _));
    }
}
