using System.Text.Json.Serialization;

namespace Smi.Metrics.Model;

/// <summary>A meta/v1 <c>LabelSelector</c> as served in a TrafficMetricsList.</summary>
public sealed class LabelSelectorDocument
{
    /// <summary>Equality requirements.</summary>
    [JsonPropertyName("matchLabels")]
    [JsonPropertyOrder(0)]
    public SortedDictionary<string, string> MatchLabels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Set-based requirements.</summary>
    [JsonPropertyName("matchExpressions")]
    [JsonPropertyOrder(1)]
    public List<LabelSelectorRequirementDocument> MatchExpressions { get; set; } = [];
}
