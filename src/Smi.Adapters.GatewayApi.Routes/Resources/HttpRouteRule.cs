using System.Text.Json.Serialization;

namespace Smi.Adapters.GatewayApi.Routes.Resources;

/// <summary>
/// One rule of an <see cref="HttpRoute"/>: requests matching any of <see cref="Matches"/> go to
/// <see cref="BackendRefs"/>.
/// </summary>
internal sealed class HttpRouteRule
{
    /// <summary>The rule's name, unique within the route; Gateway API 1.4 and later (standard channel) only.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The matches, ORed; <see langword="null"/> matches every request.</summary>
    [JsonPropertyName("matches")]
    public List<HttpRouteMatch>? Matches { get; set; }

    /// <summary>The weighted backends; <see langword="null"/> on inbound (Server) routes.</summary>
    [JsonPropertyName("backendRefs")]
    public List<HttpBackendRef>? BackendRefs { get; set; }
}
