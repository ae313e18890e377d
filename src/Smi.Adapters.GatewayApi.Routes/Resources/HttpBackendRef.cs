using System.Text.Json.Serialization;

namespace Smi.Adapters.GatewayApi.Routes.Resources;

/// <summary>A weighted Service backend of an <see cref="HttpRouteRule"/>.</summary>
internal sealed class HttpBackendRef
{
    /// <summary>The Service name, in the route's namespace.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The Service port; required for Service backends.</summary>
    [JsonPropertyName("port")]
    public int Port { get; set; }

    /// <summary>
    /// The relative weight, 0 to 1,000,000; <see langword="null"/> for the single backend of a catch-all rule.
    /// </summary>
    [JsonPropertyName("weight")]
    public long? Weight { get; set; }
}
