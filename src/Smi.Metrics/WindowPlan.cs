namespace Smi.Metrics;

/// <summary>
/// The window a request is served with: the one asked for, widened when needed to four scrape intervals so that
/// every counter has enough samples in it (as Grafana's <c>$__rate_interval</c> does).
/// </summary>
/// <param name="Requested">The window asked for (<c>?t=</c>, <c>--window</c>, or the 30 s default).</param>
/// <param name="Effective">The window the queries use and the items report.</param>
/// <param name="ScrapeInterval">The scrape interval the window was fitted to.</param>
/// <param name="ScrapeIntervalOrigin">Where the scrape interval came from, for people.</param>
public sealed record WindowPlan(
    MetricsWindow Requested, MetricsWindow Effective, TimeSpan ScrapeInterval, string ScrapeIntervalOrigin)
{
    /// <summary>How many scrape intervals a window spans at least.</summary>
    public const int ScrapeIntervalsPerWindow = 4;

    /// <summary>Whether the requested window was too short and was widened.</summary>
    public bool Widened => Effective != Requested;

    /// <summary>Why the window was widened, for people; <see langword="null"/> when it was not.</summary>
    public string? Note => Widened
        ? $"window {Requested} widened to {Effective}: Prometheus scrapes every "
            + $"{MetricsWindow.FromDuration(ScrapeInterval)} ({ScrapeIntervalOrigin}) and a window must span at least "
            + "four scrape intervals to hold the two samples per series that a rate needs"
        : null;

    /// <summary>Fits a requested window to a scrape interval.</summary>
    /// <param name="requested">The window asked for.</param>
    /// <param name="scrapeInterval">The scrape interval (positive).</param>
    /// <param name="origin">Where the scrape interval came from.</param>
    /// <returns>The plan.</returns>
    public static WindowPlan Fit(MetricsWindow requested, TimeSpan scrapeInterval, string origin)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(scrapeInterval, TimeSpan.Zero);
        var shortest = TimeSpan.FromTicks(scrapeInterval.Ticks * ScrapeIntervalsPerWindow);
        var effective = requested.Duration >= shortest ? requested : MetricsWindow.FromDuration(shortest);
        return new WindowPlan(requested, effective, scrapeInterval, origin);
    }
}
