namespace Smi.Metrics.Queries;

/// <summary>
/// The metric names and success/failure matchers of one family of series a mesh exports, from which the five queries of
/// a <see cref="MetricsQuerySet"/> are written.
/// </summary>
/// <param name="Counter">The response counter, such as <c>response_total</c>.</param>
/// <param name="Success">Matchers selecting successful responses.</param>
/// <param name="Failure">Matchers selecting failed responses.</param>
/// <param name="Buckets">The latency histogram's <c>_bucket</c> series, in milliseconds.</param>
public sealed record MeshSeries(string Counter, IReadOnlyList<LabelMatcher> Success, IReadOnlyList<LabelMatcher> Failure, string Buckets)
{
    /// <summary>Writes the five queries.</summary>
    /// <param name="matchers">Matchers selecting the traffic (resource, direction, peer).</param>
    /// <param name="resource">How result series name the resource, or <see langword="null"/> when one resource is selected.</param>
    /// <param name="peer">How result series name the edge peer, or <see langword="null"/>.</param>
    /// <param name="window">The window.</param>
    /// <returns>The query set.</returns>
    public MetricsQuerySet Build(IReadOnlyList<LabelMatcher> matchers, SeriesKey? resource, SeriesKey? peer, MetricsWindow window)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        var groupBy = (resource?.Labels ?? []).Concat(peer?.Labels ?? []).ToList();
        var buckets = PromQl.Selector(Buckets, matchers);
        return new MetricsQuerySet(
            PromQl.SumIncrease(PromQl.Selector(Counter, matchers.Concat(Success)), groupBy, window),
            PromQl.SumIncrease(PromQl.Selector(Counter, matchers.Concat(Failure)), groupBy, window),
            PromQl.HistogramQuantile(0.5, buckets, groupBy, window),
            PromQl.HistogramQuantile(0.9, buckets, groupBy, window),
            PromQl.HistogramQuantile(0.99, buckets, groupBy, window))
        {
            Resource = resource,
            Peer = peer,
        };
    }
}
