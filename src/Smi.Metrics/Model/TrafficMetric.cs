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

    /// <summary>
    /// The value as a Kubernetes quantity (<c>105</c>, <c>43750m</c>), or <see langword="null"/> (written as
    /// <c>"value": null</c>) when there is no data: a latency without requests, or counts the series cannot give.
    /// </summary>
    [JsonPropertyName("value")]
    [JsonPropertyOrder(2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Value { get; set; }
}
