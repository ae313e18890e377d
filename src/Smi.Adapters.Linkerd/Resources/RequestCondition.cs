using System.Text.Json.Serialization;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>
/// A ServiceProfile request condition: exactly one field is set; <c>all</c> ANDs and <c>any</c> ORs nested conditions.
/// </summary>
internal sealed class RequestCondition
{
    /// <summary>A regex the whole path must match.</summary>
    [JsonPropertyName("pathRegex")]
    public string? PathRegex { get; set; }

    /// <summary>The method.</summary>
    [JsonPropertyName("method")]
    public string? Method { get; set; }

    /// <summary>Conditions that must all hold.</summary>
    [JsonPropertyName("all")]
    public List<RequestCondition>? All { get; set; }

    /// <summary>Conditions one of which must hold.</summary>
    [JsonPropertyName("any")]
    public List<RequestCondition>? Any { get; set; }
}
