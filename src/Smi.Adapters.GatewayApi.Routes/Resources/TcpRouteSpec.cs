using System.Text.Json.Serialization;

namespace Smi.Adapters.GatewayApi.Routes.Resources;

/// <summary>The spec of a <see cref="TcpRoute"/>.</summary>
internal sealed class TcpRouteSpec
{
    /// <summary>The Services the route attaches to.</summary>
    [JsonPropertyName("parentRefs")]
    public List<ParentReference> ParentRefs { get; set; } = [];

    /// <summary>The rules; <c>v1</c> allows exactly one.</summary>
    [JsonPropertyName("rules")]
    public List<TcpRouteRule> Rules { get; set; } = [];
}
