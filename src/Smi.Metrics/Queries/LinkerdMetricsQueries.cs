namespace Smi.Metrics.Queries;

/// <summary>
/// Queries over Linkerd's proxy metrics: <c>response_total</c> (label <c>classification</c> = <c>success</c> or
/// <c>failure</c>) and <c>response_latency_ms_bucket</c>
/// (<see href="https://linkerd.io/2/reference/proxy-metrics/">Linkerd proxy metrics</see>).
/// </summary>
/// <remarks>
/// <para>
/// Failures are the proxy's own <c>classification</c>: a response with a gRPC status is a failure when the status is
/// not 0; otherwise an HTTP status of 500 or more, or a response stream that failed, is a failure.
/// </para>
/// <para>
/// Resources are identified by the labels Linkerd's Prometheus scrape configuration adds from the scraped pod and its
/// owner: <c>namespace</c>, <c>pod</c>, <c>deployment</c>, <c>statefulset</c>, <c>daemonset</c> (the lower-case kind).
/// A resource's own metrics are the inbound responses of its pods (<c>direction="inbound"</c>).
/// </para>
/// <para>
/// Edges use the outbound side, where the proxy labels the destination with <c>dst_namespace</c> and
/// <c>dst_&lt;kind&gt;</c>: "to" edges are the resource's own outbound responses grouped by destination; "from" edges
/// are every client's outbound responses whose destination is the resource. Both are measured at the client, and only
/// peers of the same kind appear (a deployment's edges list deployments). Traffic from outside the mesh has no
/// client-side series and so no "from" edge.
/// </para>
/// <para>
/// A TrafficSplit backend's traffic is the outbound responses with <c>dst_service</c> = the backend whose
/// <c>authority</c> is the apex service, so direct calls to the backend are not counted. The authority is the host the
/// client asked for, in any form it may take: <c>apex</c>, <c>apex.namespace</c>, <c>apex.namespace.svc</c> or
/// <c>apex.namespace.svc.cluster-domain</c>, each with or without <c>:port</c>.
/// </para>
/// </remarks>
public sealed class LinkerdMetricsQueries : IMeshMetricsQueries
{
    private static readonly MeshSeries Series = new(
        "response_total",
        [[LabelMatcher.Equal("classification", "success")]],
        [[LabelMatcher.Equal("classification", "failure")]],
        "response_latency_ms_bucket");

    /// <inheritdoc/>
    public string Mesh => "linkerd";

    /// <inheritdoc/>
    public bool SupportsEdges(MetricsResourceKind kind) =>
        kind is not null && kind != MetricsResourceKinds.TrafficSplits;

    /// <inheritdoc/>
    public MetricsQuerySet Resource(MetricsResourceKind kind, string? @namespace, string? name, MetricsWindow window)
    {
        ArgumentNullException.ThrowIfNull(kind);
        List<LabelMatcher> matchers = [LabelMatcher.Equal("direction", "inbound")];
        SeriesKey key;
        if (kind.Namespaced)
        {
            if (@namespace is not null)
            {
                matchers.Add(LabelMatcher.Equal("namespace", @namespace));
            }

            matchers.Add(name is null ? LabelMatcher.Present(kind.Singular) : LabelMatcher.Equal(kind.Singular, name));
            key = new SeriesKey(kind.Singular, "namespace");
        }
        else
        {
            matchers.Add(name is null ? LabelMatcher.Present("namespace") : LabelMatcher.Equal("namespace", name));
            key = new SeriesKey("namespace", null);
        }

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
            throw new NotSupportedException($"Linkerd metrics have no edges for {kind.Resource}.");
        }

        List<LabelMatcher> to = [LabelMatcher.Equal("direction", "outbound")];
        List<LabelMatcher> from = [LabelMatcher.Equal("direction", "outbound")];
        SeriesKey toPeer;
        SeriesKey fromPeer;
        if (kind.Namespaced)
        {
            var label = kind.Singular;
            var destination = "dst_" + label;
            to.AddRange(
                [LabelMatcher.Equal("namespace", @namespace ?? string.Empty), LabelMatcher.Equal(label, name),
                    LabelMatcher.Present(destination)]);
            from.AddRange(
                [LabelMatcher.Equal("dst_namespace", @namespace ?? string.Empty), LabelMatcher.Equal(destination, name),
                    LabelMatcher.Present(label)]);
            toPeer = new SeriesKey(destination, "dst_namespace");
            fromPeer = new SeriesKey(label, "namespace");
        }
        else
        {
            to.AddRange([LabelMatcher.Equal("namespace", name), LabelMatcher.Present("dst_namespace")]);
            from.AddRange([LabelMatcher.Equal("dst_namespace", name), LabelMatcher.Present("namespace")]);
            toPeer = new SeriesKey("dst_namespace", null);
            fromPeer = new SeriesKey("namespace", null);
        }

        return
        [
            new EdgeQuerySet(EdgeDirection.To, EdgeSide.Client, Series.Build(to, null, toPeer, window)),
            new EdgeQuerySet(EdgeDirection.From, EdgeSide.Client, Series.Build(from, null, fromPeer, window)),
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
            LabelMatcher.Equal("direction", "outbound"),
            LabelMatcher.Equal("dst_namespace", @namespace),
            LabelMatcher.Equal("dst_service", backend),
            new LabelMatcher("authority", "=~", AuthorityPattern(apex, @namespace)),
        ];
        return new EdgeQuerySet(EdgeDirection.From, EdgeSide.Client, Series.Build(matchers, null, null, window));
    }

    /// <summary>
    /// Every authority that names <paramref name="service"/> in <paramref name="namespace"/>: <c>service</c>,
    /// <c>service.namespace</c>, <c>service.namespace.svc</c> and <c>service.namespace.svc.&lt;cluster domain&gt;</c>,
    /// each with an optional port. (PromQL regular expressions match the whole value.)
    /// </summary>
    /// <param name="service">The service name.</param>
    /// <param name="namespace">Its namespace.</param>
    /// <returns>The RE2 pattern.</returns>
    public static string AuthorityPattern(string service, string @namespace) =>
        PromQl.RegexEscape(service) + @"(\." + PromQl.RegexEscape(@namespace) + @"(\.svc(\.[^:]+)?)?)?(:[0-9]+)?";
}
