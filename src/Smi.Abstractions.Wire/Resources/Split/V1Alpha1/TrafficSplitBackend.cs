using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Split.V1Alpha1;

/// <summary>A backend of a v1alpha1 TrafficSplit.</summary>
public sealed class TrafficSplitBackend
{
    /// <summary>The backend Service name, in the split's namespace.</summary>
    [JsonPropertyName("service")]
    public string? Service { get; set; }

    /// <summary>
    /// The relative weight as a Kubernetes quantity (<c>1</c>, <c>500m</c>, <c>1500m</c>; <c>1</c> = <c>1000m</c>),
    /// written as a string or a bare number.
    /// </summary>
    [JsonPropertyName("weight")]
    public Quantity? Weight { get; set; }
}
