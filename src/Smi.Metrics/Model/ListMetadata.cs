using System.Text.Json.Serialization;

namespace Smi.Metrics.Model;

/// <summary>The metadata of a served TrafficMetricsList.</summary>
public sealed class ListMetadata
{
    /// <summary>The API path of the list.</summary>
    [JsonPropertyName("selfLink")]
    public string? SelfLink { get; set; }
}
