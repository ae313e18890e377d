using Smi.Metrics.Prometheus;

namespace Smi.Metrics;

/// <summary>
/// Finds the scrape interval windows are fitted to: the configured one, else the one read from Prometheus'
/// configuration (kept for <see cref="TrafficMetricsOptions.ScrapeIntervalCacheDuration"/>), else Prometheus'
/// one-minute default.
/// </summary>
internal sealed class ScrapeIntervalSource(
    IPrometheusClient prometheus, TrafficMetricsOptions options, TimeProvider timeProvider)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private (TimeSpan Interval, string Origin, DateTimeOffset ReadAt)? cached;

    public async Task<WindowPlan> PlanAsync(MetricsWindow requested, CancellationToken cancellationToken)
    {
        if (options.ScrapeInterval is { } configured && configured > TimeSpan.Zero)
        {
            return WindowPlan.Fit(requested, configured, "configured");
        }

        var (interval, origin) = await ReadAsync(cancellationToken).ConfigureAwait(false);
        return WindowPlan.Fit(requested, interval, origin);
    }

    private async Task<(TimeSpan Interval, string Origin)> ReadAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = timeProvider.GetUtcNow();
            if (cached is { } hit && now - hit.ReadAt < options.ScrapeIntervalCacheDuration && now >= hit.ReadAt)
            {
                return (hit.Interval, hit.Origin);
            }

            var yaml = await prometheus.ReadConfigurationAsync(cancellationToken).ConfigureAwait(false);
            var reading = PrometheusScrapeInterval.TryRead(yaml, out var interval)
                ? (interval, "read from its configuration")
                : (PrometheusScrapeInterval.PrometheusDefault, "assumed: its configuration could not be read");
            cached = (reading.Item1, reading.Item2, now);
            return reading;
        }
        finally
        {
            gate.Release();
        }
    }
}
