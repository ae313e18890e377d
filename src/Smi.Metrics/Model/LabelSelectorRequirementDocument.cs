using System.Text.Json.Serialization;

namespace Smi.Metrics.Model;

/// <summary>A meta/v1 <c>LabelSelectorRequirement</c>.</summary>
public sealed class LabelSelectorRequirementDocument
{
    /// <summary>The label key.</summary>
    [JsonPropertyName("key")]
    [JsonPropertyOrder(0)]
    public string Key { get; set; } = string.Empty;

    /// <summary><c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c>.</summary>
    [JsonPropertyName("operator")]
    [JsonPropertyOrder(1)]
    public string Operator { get; set; } = string.Empty;

    /// <summary>The values for <c>In</c> and <c>NotIn</c>.</summary>
    [JsonPropertyName("values")]
    [JsonPropertyOrder(2)]
    public List<string>? Values { get; set; }
}
