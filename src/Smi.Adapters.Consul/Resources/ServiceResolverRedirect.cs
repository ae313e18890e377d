using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>The redirect of a <see cref="ServiceResolver"/>.</summary>
public sealed class ServiceResolverRedirect
{
    /// <summary>The Consul service that receives all of the traffic.</summary>
    [JsonPropertyName("service")]
    public string? Service { get; set; }
}
