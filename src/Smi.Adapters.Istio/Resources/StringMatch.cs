using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>A string condition of a <see cref="HttpMatchRequest"/>; exactly one field is set.</summary>
public sealed class StringMatch
{
    /// <summary>The value must equal this.</summary>
    [JsonPropertyName("exact")]
    public string? Exact { get; init; }

    /// <summary>The whole value must match this RE2 expression.</summary>
    [JsonPropertyName("regex")]
    public string? Regex { get; init; }
}
