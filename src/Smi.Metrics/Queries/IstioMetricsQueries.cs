namespace Smi.Metrics.Queries;

/// <summary>
/// Queries over Istio's standard metrics: <c>istio_requests_total</c> and
/// <c>istio_request_duration_milliseconds_bucket</c>
/// (<see href="https://istio.io/latest/docs/reference/config/metrics/">Istio standard metrics</see>).
/// </summary>
/// <remarks>
/// <para>
/// Failures: a response is a failure when its <c>response_code</c> is 5xx; when it is <c>0</c> (the proxy got no
/// response: the peer reset the stream or the client gave up); or, for gRPC, when <c>grpc_response_status</c> is set
/// and not <c>0</c> (gRPC errors travel as HTTP 200 with a <c>grpc-status</c> trailer). Everything else is a
/// success. This is the rule Linkerd's <c>classification</c> applies.
/// </para>
/// <para>
/// A resource's own metrics come from the server side: the destination proxy (<c>reporter="destination"</c>) or,
/// in ambient mode, the waypoint (<c>reporter="waypoint"</c>); each request has exactly one of the two. Ambient
/// workloads without a waypoint only have ztunnel's TCP metrics and so no request metrics. Deployments, statefulsets
/// and daemonsets are matched on <c>destination_workload</c> and <c>destination_workload_namespace</c>. This is an
/// approximation: Istio's workload name is the pod's controller name without its kind, so a deployment and a
/// statefulset with the same name in one namespace share their metrics. Pods are matched on the <c>pod</c> and
/// <c>namespace</c> labels that Prometheus' pod scrape configuration adds to the scraped (destination) pod's series;
/// Istio itself puts no pod name on the metric, and a waypoint's series name the waypoint's pod, so ambient pods have
/// no pod metrics. Namespaces use <c>destination_workload_namespace</c>.
/// </para>
/// <para>
/// Edges: "to" edges come from the client proxy (<c>reporter="source"</c>, side client) grouped by
/// <c>destination_workload</c>; "from" edges from the server side (destination proxy or waypoint, side server)
/// grouped by <c>source_workload</c>. Peers carry the requested kind, since the workload labels do not say which kind
/// the peer is. Istio writes <c>unknown</c> where it cannot tell the peer (traffic from outside the mesh, or to a
/// destination it does not know); such peers are left out of edges rather than shown as a workload named "unknown".
/// Pods have no edges: Istio does not label the peer pod.
/// </para>
/// <para>
/// A TrafficSplit backend's traffic is the client-side traffic whose <c>destination_service_name</c> is the backend.
/// Istio does not record which host the client asked for, so direct calls to a backend are counted as well (an
/// approximation). Ambient clients report no client-side metrics, so their split traffic is not counted.
/// </para>
/// </remarks>
public sealed class IstioMetricsQueries : IMeshMetricsQueries
{
    private const string FailedResponseCode = "5..|0";
    private const string GrpcOk = "|0";

    private static readonly MeshSeries Series = new(
        "istio_requests_total",
        [[new("response_code", "!~", FailedResponseCode), new("grpc_response_status", "=~", GrpcOk)]],
        [
            [new("response_code", "=~", FailedResponseCode)],
            [new("response_code", "!~", FailedResponseCode), new("grpc_response_status", "!~", GrpcOk)],
        ],
        "istio_request_duration_milliseconds_bucket");

    private static LabelMatcher ServerSide { get; } = new("reporter", "=~", "destination|waypoint");

    /// <inheritdoc/>
    public string Mesh => "istio";

    /// <inheritdoc/>
    public bool SupportsEdges(MetricsResourceKind kind) =>
        kind is not null && kind != MetricsResourceKinds.TrafficSplits && kind != MetricsResourceKinds.Pods;

    /// <inheritdoc/>
    public MetricsQuerySet Resource(MetricsResourceKind kind, string? @namespace, string? name, MetricsWindow window)
    {
        ArgumentNullException.ThrowIfNull(kind);
        // A waypoint's series carry the waypoint's own pod label, so pods are measured by the destination proxy alone.
        var reporter = kind == MetricsResourceKinds.Pods ? LabelMatcher.Equal("reporter", "destination") : ServerSide;
        List<LabelMatcher> matchers = [reporter];
        SeriesKey key;
        if (!kind.Namespaced)
        {
            key = new SeriesKey("destination_workload_namespace", null);
        }
        else if (kind == MetricsResourceKinds.Pods)
        {
            key = new SeriesKey("pod", "namespace");
        }
        else
        {
            key = new SeriesKey("destination_workload", "destination_workload_namespace");
        }

        if (key.NamespaceLabel is not null && @namespace is not null)
        {
            matchers.Add(LabelMatcher.Equal(key.NamespaceLabel, @namespace));
        }

        matchers.Add(name is null ? Known(key.NameLabel) : LabelMatcher.Equal(key.NameLabel, name));
        return Series.Build(matchers, key, null, window);
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
                $"Istio metrics do not identify the peers of {kind.Resource}, so they have no edges.");
        }

        List<LabelMatcher> to = [LabelMatcher.Equal("reporter", "source")];
        List<LabelMatcher> from = [ServerSide];
        SeriesKey toPeer;
        SeriesKey fromPeer;
        if (kind.Namespaced)
        {
            var ns = @namespace ?? string.Empty;
            to.AddRange(
            [
                LabelMatcher.Equal("source_workload_namespace", ns),
                LabelMatcher.Equal("source_workload", name),
                Known("destination_workload"),
                Known("destination_workload_namespace"),
            ]);
            from.AddRange(
            [
                LabelMatcher.Equal("destination_workload_namespace", ns),
                LabelMatcher.Equal("destination_workload", name),
                Known("source_workload"),
                Known("source_workload_namespace"),
            ]);
            toPeer = new SeriesKey("destination_workload", "destination_workload_namespace");
            fromPeer = new SeriesKey("source_workload", "source_workload_namespace");
        }
        else
        {
            to.AddRange(
                [LabelMatcher.Equal("source_workload_namespace", name), Known("destination_workload_namespace")]);
            from.AddRange(
                [LabelMatcher.Equal("destination_workload_namespace", name), Known("source_workload_namespace")]);
            toPeer = new SeriesKey("destination_workload_namespace", null);
            fromPeer = new SeriesKey("source_workload_namespace", null);
        }

        return
        [
            new EdgeQuerySet(EdgeDirection.To, EdgeSide.Client, Series.Build(to, null, toPeer, window)),
            new EdgeQuerySet(EdgeDirection.From, EdgeSide.Server, Series.Build(from, null, fromPeer, window)),
        ];
    }

    /// <inheritdoc/>
    public EdgeQuerySet TrafficSplitBackend(string @namespace, string apex, string backend, MetricsWindow window)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(apex);
        ArgumentException.ThrowIfNullOrEmpty(backend);
        List<LabelMatcher> matchers =
        [
            LabelMatcher.Equal("reporter", "source"),
            LabelMatcher.Equal("destination_service_namespace", @namespace),
            LabelMatcher.Equal("destination_service_name", backend),
        ];
        return new EdgeQuerySet(EdgeDirection.From, EdgeSide.Client, Series.Build(matchers, null, null, window));
    }

    /// <summary><c>label!~"|unknown"</c>: the label names something Istio could resolve.</summary>
    private static LabelMatcher Known(string label) => new(label, "!~", "|unknown");
}
