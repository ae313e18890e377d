using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>The spec of a <see cref="ServiceRouter"/>.</summary>
public sealed class ServiceRouterSpec
{
    /// <summary>The routes, first match wins; unmatched traffic keeps going to the service itself.</summary>
    [JsonPropertyName("routes")]
    public IList<ServiceRoute> Routes { get; set; } = [];
}
