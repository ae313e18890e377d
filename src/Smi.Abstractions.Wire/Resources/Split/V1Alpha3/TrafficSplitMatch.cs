using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Split.V1Alpha3;

/// <summary>A typed local reference from a TrafficSplit to an HTTPRouteGroup.</summary>
public sealed class TrafficSplitMatch
{
    /// <summary>The optional API group of the referenced object.</summary>
    [JsonPropertyName("apiGroup")]
    public string? ApiGroup { get; set; }

    /// <summary>The referenced kind: <c>HTTPRouteGroup</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>The referenced object's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
