using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>One HTTP request condition; its fields are ANDed.</summary>
public sealed class HttpMatchRequest
{
    /// <summary>The URI path condition.</summary>
    [JsonPropertyName("uri")]
    public StringMatch? Uri { get; init; }

    /// <summary>The method condition.</summary>
    [JsonPropertyName("method")]
    public StringMatch? Method { get; init; }

    /// <summary>Header conditions by lower-case header name.</summary>
    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, StringMatch>? Headers { get; init; }

    /// <summary>The destination port the request is sent to; absent: any port.</summary>
    [JsonPropertyName("port")]
    public int? Port { get; init; }
}
