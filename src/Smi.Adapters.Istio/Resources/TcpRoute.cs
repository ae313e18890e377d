using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>One TCP rule of a <see cref="VirtualService"/>.</summary>
public sealed class TcpRoute
{
    /// <summary>The conditions, ORed; <see langword="null"/> matches every connection.</summary>
    [JsonPropertyName("match")]
    public IReadOnlyList<L4MatchAttributes>? Match { get; init; }

    /// <summary>The weighted destinations.</summary>
    [JsonPropertyName("route")]
    public IReadOnlyList<RouteDestination> Route { get; init; } = [];
}
