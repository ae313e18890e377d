namespace Smi.Metrics.Prometheus;

/// <summary>How to reach Prometheus.</summary>
public sealed class PrometheusClientOptions
{
    /// <summary>
    /// The Prometheus base address, for example <c>http://prometheus.monitoring:9090/</c>. A path prefix is kept.
    /// </summary>
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:9090/");

    /// <summary>How long one attempt may take before it counts as failed (default 10 seconds).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A bearer token sent as <c>Authorization: Bearer …</c>, or <see langword="null"/>.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Retries after a transient failure (connection error, timeout, 429 or 5xx); default 2.</summary>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>The first retry delay; later delays double (default 200 ms).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
