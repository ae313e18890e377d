namespace Smi.Controller;

/// <summary>How the controller host serves the TrafficMetrics API (<c>Controller:Metrics</c>).</summary>
public sealed class TrafficMetricsApiOptions
{
    /// <summary>
    /// The Prometheus base address, for example <c>http://prometheus.monitoring:9090/</c>. Empty turns the API off: its
    /// paths answer 503 with the reason.
    /// </summary>
    public string? PrometheusUrl { get; set; }

    /// <summary>
    /// The TrafficMetrics query set that reads the mesh's metrics (<c>istio</c>, <c>linkerd</c> or <c>consul</c>).
    /// Unset: the host fills in the one the mesh's adapter names; without one the API is off.
    /// </summary>
    public string? Queries { get; set; }

    /// <summary>A bearer token sent to Prometheus, or <see langword="null"/>.</summary>
    public string? BearerToken { get; set; }

    /// <summary>How long one Prometheus query attempt may take. Default 5 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often Prometheus scrapes the mesh's series; windows are widened to four of these. Unset: read from
    /// Prometheus' configuration (<c>/api/v1/status/config</c>), or one minute when it cannot be read.
    /// </summary>
    public TimeSpan? ScrapeInterval { get; set; }
}
