using System.Text.Json.Serialization;

namespace Smi.Metrics.Model;

/// <summary>One named metric value.</summary>
public sealed class TrafficMetric
{
    /// <summary>A name from <see cref="TrafficMetricNames"/>.</summary>
    [JsonPropertyName("name")]
    [JsonPropertyOrder(0)]
    public string Name { get; set; } = string.Empty;

    /// <summary><c>ms</c> for latencies; absent for counts.</summary>
    [JsonPropertyName("unit")]
    [JsonPropertyOrder(1)]
    public string? Unit { get; set; }

    /// <summary>The value as a Kubernetes quantity (<c>105</c>, <c>43750m</c>).</summary>
    [JsonPropertyName("value")]
    [JsonPropertyOrder(2)]
    public string Value { get; set; } = "0";
}
