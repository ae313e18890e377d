using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>The match of a <see cref="ServiceRoute"/>.</summary>
public sealed class ServiceRouteMatch
{
    /// <summary>The HTTP conditions, ANDed.</summary>
    [JsonPropertyName("http")]
    public ConsulHttpMatch Http { get; set; } = new();
}
