namespace Smi.Metrics.Queries;

/// <summary>
/// The metric names and success/failure rules of one family of series a mesh exports, from which the queries of a
/// <see cref="MetricsQuerySet"/> are written.
/// </summary>
/// <param name="Counter">The response counter, such as <c>response_total</c>.</param>
/// <param name="Success">
/// Selects successful responses: each entry is a set of matchers, and a response is a success when it matches every
/// matcher of at least one set. The sets must select disjoint series.
/// </param>
/// <param name="Failure">Selects failed responses, in the same way; disjoint from <paramref name="Success"/>.</param>
/// <param name="Buckets">The latency histogram's <c>_bucket</c> series, in milliseconds.</param>
public sealed record MeshSeries(
    string Counter,
    IReadOnlyList<IReadOnlyList<LabelMatcher>> Success,
    IReadOnlyList<IReadOnlyList<LabelMatcher>> Failure,
    string Buckets)
{
    /// <summary>How long before the window a series may have last been scraped and still count as present.</summary>
    public static TimeSpan PresenceLookback { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Writes the queries.</summary>
    /// <param name="matchers">Matchers selecting the traffic (resource, direction, peer).</param>
    /// <param name="resource">How result series name the resource, or <see langword="null"/> when one resource is
    /// selected.</param>
    /// <param name="peer">How result series name the edge peer, or <see langword="null"/>.</param>
    /// <param name="window">The window.</param>
    /// <returns>The query set.</returns>
    public MetricsQuerySet Build(
        IReadOnlyList<LabelMatcher> matchers, SeriesKey? resource, SeriesKey? peer, MetricsWindow window)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        var groupBy = (resource?.Labels ?? []).Concat(peer?.Labels ?? []).ToList();
        var buckets = PromQl.Selector(Buckets, matchers);
        var lookback = MetricsWindow.FromDuration(window.Duration + PresenceLookback);
        return new MetricsQuerySet(
            PromQl.SumIncrease(Success.Select(set => PromQl.Selector(Counter, matchers.Concat(set))), groupBy, window),
            PromQl.SumIncrease(Failure.Select(set => PromQl.Selector(Counter, matchers.Concat(set))), groupBy, window),
            PromQl.HistogramQuantile(0.5, buckets, groupBy, window),
            PromQl.HistogramQuantile(0.9, buckets, groupBy, window),
            PromQl.HistogramQuantile(0.99, buckets, groupBy, window))
        {
            Resource = resource,
            Peer = peer,
            SampleCount = PromQl.SamplesInWindow(PromQl.Selector(Counter, matchers), groupBy, window, lookback),
        };
    }
}
