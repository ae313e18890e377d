namespace Smi.Metrics.Queries;

/// <summary>The queries for one direction of a resource's edges, and where the mesh measures them.</summary>
/// <param name="Direction">To or from the resource.</param>
/// <param name="Side">Client or server side.</param>
/// <param name="Queries">The queries; <see cref="MetricsQuerySet.Peer"/> names the peer.</param>
public sealed record EdgeQuerySet(EdgeDirection Direction, EdgeSide Side, MetricsQuerySet Queries);
