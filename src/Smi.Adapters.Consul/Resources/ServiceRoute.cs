using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>One route of a <see cref="ServiceRouter"/>: a match and the single service it sends to.</summary>
public sealed class ServiceRoute
{
    /// <summary>What requests the route takes.</summary>
    [JsonPropertyName("match")]
    public ServiceRouteMatch Match { get; set; } = new();

    /// <summary>Where matching requests go.</summary>
    [JsonPropertyName("destination")]
    public ServiceRouteDestination Destination { get; set; } = new();
}
