using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Split.V1Alpha1;

/// <summary>The spec of a v1alpha1 TrafficSplit.</summary>
public sealed class TrafficSplitSpec
{
    /// <summary>The root (apex) Service that clients call.</summary>
    [JsonPropertyName("service")]
    public string? Service { get; set; }

    /// <summary>The backend Services with relative quantity weights.</summary>
    [JsonPropertyName("backends")]
    public IList<TrafficSplitBackend>? Backends { get; set; }
}
