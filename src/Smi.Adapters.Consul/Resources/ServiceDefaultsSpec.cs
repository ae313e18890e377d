using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>The spec of a <see cref="ServiceDefaults"/>; only the field this adapter sets.</summary>
public sealed class ServiceDefaultsSpec
{
    /// <summary>
    /// The service protocol: <c>tcp</c>, <c>http</c>, <c>http2</c> or <c>grpc</c>. Splitters, routers and L7
    /// intentions need an HTTP-family protocol.
    /// </summary>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }
}
