using System.Text.Json.Serialization;

namespace Smi.Metrics.Model;

/// <summary>The TrafficSplit backend a v1alpha2 trafficsplit item belongs to.</summary>
public sealed class TrafficMetricsBackend
{
    /// <summary>The split's root (apex) service.</summary>
    [JsonPropertyName("apex")]
    [JsonPropertyOrder(0)]
    public string Apex { get; set; } = string.Empty;

    /// <summary>The backend service.</summary>
    [JsonPropertyName("name")]
    [JsonPropertyOrder(1)]
    public string Name { get; set; } = string.Empty;

    /// <summary>The backend's weight as the split declares it.</summary>
    [JsonPropertyName("weight")]
    [JsonPropertyOrder(2)]
    public long Weight { get; set; }
}
