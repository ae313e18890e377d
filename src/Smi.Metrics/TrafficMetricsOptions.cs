namespace Smi.Metrics;

/// <summary>How <see cref="TrafficMetricsService"/> fits windows to the way Prometheus samples the series.</summary>
public sealed class TrafficMetricsOptions
{
    /// <summary>
    /// The interval at which Prometheus scrapes the mesh's series. <see langword="null"/> (the default) reads it from
    /// Prometheus' configuration (<c>/api/v1/status/config</c>): the longest <c>scrape_interval</c> of the global
    /// section and of every scrape job. Set it when Prometheus does not expose its configuration or when the mesh's
    /// series come from a job other than the slowest one.
    /// </summary>
    public TimeSpan? ScrapeInterval { get; set; }

    /// <summary>How long a scrape interval read from Prometheus is reused (default 5 minutes).</summary>
    public TimeSpan ScrapeIntervalCacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
