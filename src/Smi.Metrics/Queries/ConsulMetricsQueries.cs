namespace Smi.Metrics.Queries;

/// <summary>
/// Queries over the Envoy statistics of Consul service mesh sidecars
/// (<see href="https://developer.hashicorp.com/consul/docs/connect/observability">Consul service mesh
/// observability</see>,
/// <see href="https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_conn_man/stats">Envoy HTTP connection
/// manager statistics</see>,
/// <see href="https://www.envoyproxy.io/docs/envoy/latest/configuration/upstream/cluster_manager/cluster_stats">Envoy
/// cluster statistics</see>). A response is a failure when Envoy's <c>envoy_response_code_class</c> is <c>5</c>; every
/// other class counts as a success. Consul does not enable Envoy's gRPC statistics filter, so the gRPC status is not
/// exported: a gRPC error carried in an HTTP 200 counts as a success.
/// </summary>
/// <remarks>
/// <para>
/// A resource's own metrics come from the inbound listener: <c>envoy_http_downstream_rq_xx</c> and
/// <c>envoy_http_downstream_rq_time_bucket</c> with <c>envoy_http_conn_manager_prefix</c> <c>public_listener</c>
/// (<c>public_listener_http</c> before Consul 1.10). Request metrics exist only for services whose protocol is
/// <c>http</c>, <c>http2</c> or <c>grpc</c>; with the default protocol, <c>tcp</c>, the inbound listener is a TCP
/// proxy that exports <c>envoy_tcp_downstream_cx_total</c> (<c>envoy_tcp_prefix="public_listener"</c>) and nothing
/// per request. Such a resource is served with unknown counts and a note saying to set the protocol in a
/// <c>ServiceDefaults</c> entry, not with zeros.
/// Consul labels these with the local service (<c>consul_source_service</c>), not with a Kubernetes workload, so
/// deployments, statefulsets and daemonsets are matched on the Consul service name: an approximation that holds when
/// each workload registers under a service of its own name (the usual consul-k8s layout). Pods and namespaces use the
/// <c>pod</c> and <c>namespace</c> labels Prometheus' pod scrape configuration adds.
/// </para>
/// <para>
/// Edges (deployments, statefulsets and daemonsets only) come from the client's upstream clusters:
/// <c>envoy_cluster_upstream_rq_xx</c> and <c>envoy_cluster_upstream_rq_time_bucket</c>, with <c>local_cluster</c>
/// naming the client service and <c>consul_destination_service</c> the upstream. Both directions are measured at the
/// client. Upstream namespaces are Consul namespaces, which match Kubernetes namespaces only with namespace mirroring,
/// so "to" peers are reported in the resource's own namespace, and "from" edges match the destination by service name
/// alone (same-named services in different namespaces are merged). Pods and namespaces have no edges: Envoy does not
/// label upstream pods, and the destination's Kubernetes namespace is not exported.
/// </para>
/// <para>
/// A TrafficSplit backend's traffic is the client-side traffic to <c>consul_destination_service</c> = the backend
/// (each splitter target is its own upstream cluster). Direct calls to a backend are counted as well (an
/// approximation).
/// </para>
/// </remarks>
public sealed class ConsulMetricsQueries : IMeshMetricsQueries
{
    private const string TcpOnlyNote =
        "the Consul service exports TCP connection metrics only (protocol tcp, Consul's default), so there are no "
        + "request counts or latencies; set protocol http, http2 or grpc in its ServiceDefaults to measure requests";

    private static readonly MeshSeries Inbound = new(
        "envoy_http_downstream_rq_xx",
        [[new LabelMatcher("envoy_response_code_class", "!=", "5")]],
        [[LabelMatcher.Equal("envoy_response_code_class", "5")]],
        "envoy_http_downstream_rq_time_bucket");

    private static readonly MeshSeries Upstream = new(
        "envoy_cluster_upstream_rq_xx",
        [[new LabelMatcher("envoy_response_code_class", "!=", "5")]],
        [[LabelMatcher.Equal("envoy_response_code_class", "5")]],
        "envoy_cluster_upstream_rq_time_bucket");

    /// <inheritdoc/>
    public string Mesh => "consul";

    /// <inheritdoc/>
    public bool SupportsEdges(MetricsResourceKind kind) =>
        kind == MetricsResourceKinds.Deployments || kind == MetricsResourceKinds.StatefulSets
            || kind == MetricsResourceKinds.DaemonSets;

    /// <inheritdoc/>
    public MetricsQuerySet Resource(MetricsResourceKind kind, string? @namespace, string? name, MetricsWindow window)
    {
        ArgumentNullException.ThrowIfNull(kind);
        List<LabelMatcher> matchers = [];
        SeriesKey key;
        if (!kind.Namespaced)
        {
            key = new SeriesKey("namespace", null);
        }
        else if (kind == MetricsResourceKinds.Pods)
        {
            key = new SeriesKey("pod", "namespace");
        }
        else
        {
            key = new SeriesKey("consul_source_service", "namespace");
        }

        if (key.NamespaceLabel is not null && @namespace is not null)
        {
            matchers.Add(LabelMatcher.Equal(key.NamespaceLabel, @namespace));
        }

        matchers.Add(name is null ? LabelMatcher.Present(key.NameLabel) : LabelMatcher.Equal(key.NameLabel, name));
        var lookback = MetricsWindow.FromDuration(window.Duration + MeshSeries.PresenceLookback);
        var tcpListener = LabelMatcher.Equal("envoy_tcp_prefix", "public_listener");
        var tcp = PromQl.Selector("envoy_tcp_downstream_cx_total", [tcpListener, .. matchers]);
        var http = new LabelMatcher("envoy_http_conn_manager_prefix", "=~", "public_listener|public_listener_http");
        return Inbound.Build([http, .. matchers], key, null, window) with
        {
            Probes = [new MetricsProbe(PromQl.Present(tcp, key.Labels, lookback), TcpOnlyNote)],
        };
    }

    /// <inheritdoc/>
    public IReadOnlyList<EdgeQuerySet> Edges(
        MetricsResourceKind kind, string? @namespace, string name, MetricsWindow window)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(name);
        if (!SupportsEdges(kind))
        {
            throw new NotSupportedException(
                $"Consul's Envoy metrics do not identify the peers of {kind.Resource}, so they have no edges.");
        }

        List<LabelMatcher> to =
        [
            LabelMatcher.Equal("namespace", @namespace ?? string.Empty),
            LabelMatcher.Equal("local_cluster", name),
            LabelMatcher.Present("consul_destination_service"),
        ];
        List<LabelMatcher> from =
        [
            LabelMatcher.Equal("consul_destination_service", name),
            LabelMatcher.Present("local_cluster"),
        ];
        return
        [
            new EdgeQuerySet(
                EdgeDirection.To, EdgeSide.Client,
                Upstream.Build(
                    to, null, new SeriesKey("consul_destination_service", null) { FixedNamespace = @namespace },
                    window)),
            new EdgeQuerySet(
                EdgeDirection.From, EdgeSide.Client,
                Upstream.Build(from, null, new SeriesKey("local_cluster", "namespace"), window)),
        ];
    }

    /// <inheritdoc/>
    public EdgeQuerySet TrafficSplitBackend(string @namespace, string apex, string backend, MetricsWindow window)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(apex);
        ArgumentException.ThrowIfNullOrEmpty(backend);
        return new EdgeQuerySet(
            EdgeDirection.From, EdgeSide.Client,
            Upstream.Build([LabelMatcher.Equal("consul_destination_service", backend)], null, null, window));
    }
}
