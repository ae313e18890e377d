namespace Smi.Metrics.Queries;

/// <summary>
/// A query returning the groups (same labels as the request queries) whose traffic the request series cannot describe,
/// and what to tell the reader about them.
/// </summary>
/// <param name="Query">The PromQL query.</param>
/// <param name="Note">Why the counts are unknown and what to do, for people.</param>
public sealed record MetricsProbe(string Query, string Note);
