using System.Text.Json.Serialization;

namespace Smi.Metrics.Model;

/// <summary>The metadata of a served TrafficMetrics item.</summary>
public sealed class ObjectMetadata
{
    /// <summary>The resource's name.</summary>
    [JsonPropertyName("name")]
    [JsonPropertyOrder(0)]
    public string? Name { get; set; }

    /// <summary>The resource's namespace.</summary>
    [JsonPropertyName("namespace")]
    [JsonPropertyOrder(1)]
    public string? Namespace { get; set; }

    /// <summary>The API path of the item.</summary>
    [JsonPropertyName("selfLink")]
    [JsonPropertyOrder(2)]
    public string? SelfLink { get; set; }

    /// <summary>When the item was computed (the evaluation time).</summary>
    [JsonPropertyName("creationTimestamp")]
    [JsonPropertyOrder(3)]
    public string? CreationTimestamp { get; set; }

    /// <summary>
    /// Notes about the values (keys in <see cref="MetricsAnnotations"/>): a widened window, or why counts are unknown.
    /// Absent when there is nothing to say.
    /// </summary>
    [JsonPropertyName("annotations")]
    [JsonPropertyOrder(4)]
    public Dictionary<string, string>? Annotations { get; set; }
}
