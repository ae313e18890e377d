using System.Text.Json.Serialization;

namespace Smi.Adapters.GatewayApi.Routes.Resources;

/// <summary>
/// One rule of a <see cref="TcpRoute"/>: connections are spread across <see cref="BackendRefs"/> by weight.
/// </summary>
internal sealed class TcpRouteRule
{
    /// <summary>The weighted backends.</summary>
    [JsonPropertyName("backendRefs")]
    public List<BackendRef> BackendRefs { get; set; } = [];
}
