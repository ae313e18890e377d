using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Metrics.V1Alpha2;

/// <summary>The TrafficSplit backend a v1alpha2 TrafficMetrics item is about.</summary>
public sealed class Backend
{
    /// <summary>The split's root (apex) Service.</summary>
    [JsonPropertyName("apex")]
    public string? Apex { get; set; }

    /// <summary>The backend Service.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The backend's weight in the split.</summary>
    [JsonPropertyName("weight")]
    public int? Weight { get; set; }
}
