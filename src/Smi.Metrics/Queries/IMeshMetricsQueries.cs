namespace Smi.Metrics.Queries;

/// <summary>
/// Builds the PromQL for one mesh from the metrics that mesh exports. Implementations are pure: no I/O, and the same
/// input gives the same text.
/// </summary>
public interface IMeshMetricsQueries
{
    /// <summary>The mesh name: <c>istio</c>, <c>linkerd</c> or <c>consul</c>.</summary>
    string Mesh { get; }

    /// <summary>
    /// Whether the mesh's metrics identify peers of <paramref name="kind"/>, so that edges can be served.
    /// </summary>
    /// <param name="kind">The resource type.</param>
    /// <returns><see langword="true"/> when edges are served.</returns>
    bool SupportsEdges(MetricsResourceKind kind);

    /// <summary>The queries for resources' own (inbound, server-side) metrics.</summary>
    /// <param name="kind">A pod-bearing resource type or namespaces (not trafficsplits).</param>
    /// <param name="namespace">The namespace, or <see langword="null"/> for every namespace (ignored for
    /// namespaces).</param>
    /// <param name="name">One resource's name, or <see langword="null"/> for every resource of the kind.</param>
    /// <param name="window">The window.</param>
    /// <returns>Queries grouped by <see cref="MetricsQuerySet.Resource"/>.</returns>
    MetricsQuerySet Resource(MetricsResourceKind kind, string? @namespace, string? name, MetricsWindow window);

    /// <summary>The queries for a resource's edges, one set per direction.</summary>
    /// <param name="kind">A resource type for which <see cref="SupportsEdges"/> is true.</param>
    /// <param name="namespace">The resource's namespace (<see langword="null"/> for namespaces).</param>
    /// <param name="name">The resource's name.</param>
    /// <param name="window">The window.</param>
    /// <returns>Queries grouped by <see cref="MetricsQuerySet.Peer"/>.</returns>
    /// <exception cref="NotSupportedException">The mesh cannot serve edges for <paramref name="kind"/>.</exception>
    IReadOnlyList<EdgeQuerySet> Edges(MetricsResourceKind kind, string? @namespace, string name, MetricsWindow window);

    /// <summary>The queries for the traffic a TrafficSplit sends to one backend.</summary>
    /// <param name="namespace">The split's namespace.</param>
    /// <param name="apex">The split's root service.</param>
    /// <param name="backend">The backend service.</param>
    /// <param name="window">The window.</param>
    /// <returns>Ungrouped queries, and where they are measured.</returns>
    EdgeQuerySet TrafficSplitBackend(string @namespace, string apex, string backend, MetricsWindow window);
}
