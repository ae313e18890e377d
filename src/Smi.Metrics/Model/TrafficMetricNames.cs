namespace Smi.Metrics.Model;

/// <summary>The metric names the SMI TrafficMetrics API defines, and the latency unit.</summary>
public static class TrafficMetricNames
{
    /// <summary>99th percentile response latency.</summary>
    public const string P99ResponseLatency = "p99_response_latency";

    /// <summary>90th percentile response latency.</summary>
    public const string P90ResponseLatency = "p90_response_latency";

    /// <summary>50th percentile (median) response latency.</summary>
    public const string P50ResponseLatency = "p50_response_latency";

    /// <summary>Requests that succeeded within the window (a count, not a rate).</summary>
    public const string SuccessCount = "success_count";

    /// <summary>Requests that failed within the window (a count, not a rate).</summary>
    public const string FailureCount = "failure_count";

    /// <summary>The latency unit, milliseconds, as the SMI SDK writes it.</summary>
    public const string Milliseconds = "ms";
}
