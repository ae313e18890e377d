using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Split.V1Alpha3;

/// <summary>The spec of a v1alpha3 TrafficSplit.</summary>
public sealed class TrafficSplitSpec
{
    /// <summary>The root (apex) Service that clients call.</summary>
    [JsonPropertyName("service")]
    public string? Service { get; set; }

    /// <summary>The HTTPRouteGroups whose requests are split; others go to the root.</summary>
    [JsonPropertyName("matches")]
    public IList<TrafficSplitMatch>? Matches { get; set; }

    /// <summary>The backend Services with relative weights.</summary>
    [JsonPropertyName("backends")]
    public IList<TrafficSplitBackend>? Backends { get; set; }
}
