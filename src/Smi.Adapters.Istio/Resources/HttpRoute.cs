using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>One HTTP rule of a <see cref="VirtualService"/>: the requests it matches and where they go.</summary>
public sealed class HttpRoute
{
    /// <summary>The conditions, ORed; <see langword="null"/> matches every request.</summary>
    [JsonPropertyName("match")]
    public IReadOnlyList<HttpMatchRequest>? Match { get; init; }

    /// <summary>The weighted destinations.</summary>
    [JsonPropertyName("route")]
    public IReadOnlyList<RouteDestination> Route { get; init; } = [];
}
