using System.Text.Json.Serialization;

namespace Smi.Adapters.GatewayApi.Routes.Resources;

/// <summary>The spec of an <see cref="HttpRoute"/>.</summary>
internal sealed class HttpRouteSpec
{
    /// <summary>The Services (outbound routing) or Servers (inbound policy) the route attaches to.</summary>
    [JsonPropertyName("parentRefs")]
    public List<ParentReference> ParentRefs { get; set; } = [];

    /// <summary>The rules, in order.</summary>
    [JsonPropertyName("rules")]
    public List<HttpRouteRule> Rules { get; set; } = [];
}
