using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Split.V1Alpha3;

/// <summary>A backend of a v1alpha3 TrafficSplit.</summary>
public sealed class TrafficSplitBackend
{
    /// <summary>The backend Service name, in the split's namespace.</summary>
    [JsonPropertyName("service")]
    public string? Service { get; set; }

    /// <summary>
    /// The relative weight. The spec asks for whole numbers and the CRD types it as a number, so a fraction is read
    /// and validation reports it.
    /// </summary>
    [JsonPropertyName("weight")]
    public decimal? Weight { get; set; }
}
