using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Specs.V1Alpha4;

/// <summary>The spec of a v1alpha4 UDPRoute.</summary>
public sealed class UdpRouteSpec
{
    /// <summary>The ports the route covers.</summary>
    [JsonPropertyName("matches")]
    public PortMatch? Matches { get; set; }
}
