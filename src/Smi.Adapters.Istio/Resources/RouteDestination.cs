using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>A weighted destination of an HTTP or TCP rule.</summary>
public sealed class RouteDestination
{
    /// <summary>Where the traffic goes.</summary>
    [JsonPropertyName("destination")]
    public Destination Destination { get; init; } = new();

    /// <summary>The share of the rule's traffic, in percent; <see langword="null"/> for a single destination.</summary>
    [JsonPropertyName("weight")]
    public int? Weight { get; init; }
}
