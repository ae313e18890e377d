using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>The destination of a <see cref="ServiceRoute"/>.</summary>
public sealed class ServiceRouteDestination
{
    /// <summary>The Consul service matching requests go to.</summary>
    [JsonPropertyName("service")]
    public string? Service { get; set; }
}
