using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>The spec of a <see cref="ServiceResolver"/>; only the redirect this adapter sets.</summary>
public sealed class ServiceResolverSpec
{
    /// <summary>Sends every request for the service to another service instead.</summary>
    [JsonPropertyName("redirect")]
    public ServiceResolverRedirect? Redirect { get; set; }
}
