using System.Text.Json.Serialization;

namespace Smi.Metrics.Model;

/// <summary>A <c>TrafficMetricsList</c>: the items of a list, of a selector, or of a resource's edges.</summary>
public sealed class TrafficMetricsList
{
    /// <summary>Always <c>TrafficMetricsList</c>.</summary>
    [JsonPropertyName("kind")]
    [JsonPropertyOrder(0)]
    public string Kind { get; set; } = "TrafficMetricsList";

    /// <summary>For example <c>metrics.smi-spec.io/v1alpha2</c>.</summary>
    [JsonPropertyName("apiVersion")]
    [JsonPropertyOrder(1)]
    public string ApiVersion { get; set; } = string.Empty;

    /// <summary>The list's self link.</summary>
    [JsonPropertyName("metadata")]
    [JsonPropertyOrder(2)]
    public ListMetadata Metadata { get; set; } = new();

    /// <summary>What was listed: only kind (and namespace) for a list, the full reference for edges.</summary>
    [JsonPropertyName("resource")]
    [JsonPropertyOrder(3)]
    public ObjectReference Resource { get; set; } = new();

    /// <summary>The label selector that filtered the items, when one was given.</summary>
    [JsonPropertyName("selector")]
    [JsonPropertyOrder(4)]
    public LabelSelectorDocument? Selector { get; set; }

    /// <summary>The items.</summary>
    [JsonPropertyName("items")]
    [JsonPropertyOrder(5)]
    public List<TrafficMetrics> Items { get; set; } = [];
}
