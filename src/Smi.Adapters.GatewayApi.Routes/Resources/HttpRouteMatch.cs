using System.Text.Json.Serialization;

namespace Smi.Adapters.GatewayApi.Routes.Resources;

/// <summary>One request match: path, method and headers are ANDed.</summary>
internal sealed class HttpRouteMatch
{
    /// <summary>The path condition; <see langword="null"/> for any path.</summary>
    [JsonPropertyName("path")]
    public HttpPathMatch? Path { get; set; }

    /// <summary>The header conditions; <see langword="null"/> for none.</summary>
    [JsonPropertyName("headers")]
    public List<HttpHeaderMatch>? Headers { get; set; }

    /// <summary>The method; <see langword="null"/> for any method.</summary>
    [JsonPropertyName("method")]
    public string? Method { get; set; }
}
