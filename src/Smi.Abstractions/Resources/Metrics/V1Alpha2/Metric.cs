using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Metrics.V1Alpha2;

/// <summary>One metric value of a v1alpha2 TrafficMetrics.</summary>
public sealed class Metric
{
    /// <summary>
    /// The metric: <c>p99_response_latency</c>, <c>p90_response_latency</c>, <c>p50_response_latency</c>,
    /// <c>success_count</c> or <c>failure_count</c>.
    /// </summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The unit, for latencies (the spec says <c>seconds</c>, implementations write <c>ms</c>).</summary>
    [JsonPropertyName("unit")]
    public string? Unit { get; set; }

    /// <summary>The value as a Kubernetes quantity, for example <c>10m</c>.</summary>
    [JsonPropertyName("value")]
    public Quantity? Value { get; set; }
}
