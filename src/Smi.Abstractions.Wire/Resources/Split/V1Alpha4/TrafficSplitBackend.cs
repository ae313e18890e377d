using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Split.V1Alpha4;

/// <summary>A backend of a v1alpha4 TrafficSplit.</summary>
public sealed class TrafficSplitBackend
{
    /// <summary>The backend Service name, in the split's namespace.</summary>
    [JsonPropertyName("service")]
    public string? Service { get; set; }

    /// <summary>The relative weight. The CRD types it as a number; the spec asks for whole numbers.</summary>
    [JsonPropertyName("weight")]
    public decimal? Weight { get; set; }
}
