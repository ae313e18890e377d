namespace Smi.Metrics.Queries;

/// <summary>
/// The PromQL queries behind one TrafficMetrics item (or a list of them): success and failure counts over the
/// window, the three latency percentiles, and the checks that tell missing data from no traffic. All group by the
/// same labels: <see cref="Resource"/> (lists) and
/// <see cref="Peer"/> (edges).
/// </summary>
/// <param name="SuccessCount"><c>sum(increase(...[window]))</c> of successful responses.</param>
/// <param name="FailureCount"><c>sum(increase(...[window]))</c> of failed responses.</param>
/// <param name="LatencyP50"><c>histogram_quantile(0.5, sum(rate(..._bucket[window])) by (le, ...))</c>,
/// milliseconds.</param>
/// <param name="LatencyP90">The 0.9 quantile, milliseconds.</param>
/// <param name="LatencyP99">The 0.99 quantile, milliseconds.</param>
public sealed record MetricsQuerySet(
    string SuccessCount, string FailureCount, string LatencyP50, string LatencyP90, string LatencyP99)
{
    /// <summary>
    /// The labels naming the resource in each result series, or <see langword="null"/> when the queries select exactly
    /// one resource.
    /// </summary>
    public SeriesKey? Resource { get; init; }

    /// <summary>The labels naming the edge peer in each result series (edge queries only).</summary>
    public SeriesKey? Peer { get; init; }

    /// <summary>
    /// Per group, the most samples one counter series has inside the window, or 0 when the group's series were
    /// scraped recently but not inside it (see <see cref="PromQl.SamplesInWindow"/>); <see langword="null"/> to skip
    /// the check. Below 2, the counts of that group are unknown rather than zero.
    /// </summary>
    public string? SampleCount { get; init; }

    /// <summary>
    /// Queries that find groups whose traffic exists but that the request series cannot describe (a Consul service
    /// with protocol <c>tcp</c>, for example). A group such a query returns and the request series lack is served
    /// with unknown counts and the probe's note.
    /// </summary>
    public IReadOnlyList<MetricsProbe> Probes { get; init; } = [];

    /// <summary>All the queries, for logging and tests.</summary>
    public IEnumerable<string> All =>
        new[] { SuccessCount, FailureCount, LatencyP50, LatencyP90, LatencyP99, SampleCount }
            .Concat(Probes.Select(probe => probe.Query))
            .OfType<string>();
}
