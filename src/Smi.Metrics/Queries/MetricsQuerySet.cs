namespace Smi.Metrics.Queries;

/// <summary>
/// The five PromQL queries behind one TrafficMetrics item (or a list of them): success and failure counts over the
/// window and the three latency percentiles. All five group by the same labels: <see cref="Resource"/> (lists) and
/// <see cref="Peer"/> (edges).
/// </summary>
/// <param name="SuccessCount"><c>sum(increase(...[window]))</c> of successful responses.</param>
/// <param name="FailureCount"><c>sum(increase(...[window]))</c> of failed responses.</param>
/// <param name="LatencyP50"><c>histogram_quantile(0.5, sum(rate(..._bucket[window])) by (le, ...))</c>, milliseconds.</param>
/// <param name="LatencyP90">The 0.9 quantile, milliseconds.</param>
/// <param name="LatencyP99">The 0.99 quantile, milliseconds.</param>
public sealed record MetricsQuerySet(string SuccessCount, string FailureCount, string LatencyP50, string LatencyP90, string LatencyP99)
{
    /// <summary>The labels naming the resource in each result series, or <see langword="null"/> when the queries select exactly one resource.</summary>
    public SeriesKey? Resource { get; init; }

    /// <summary>The labels naming the edge peer in each result series (edge queries only).</summary>
    public SeriesKey? Peer { get; init; }

    /// <summary>All five queries, for logging and tests.</summary>
    public IEnumerable<string> All => [SuccessCount, FailureCount, LatencyP50, LatencyP90, LatencyP99];
}
