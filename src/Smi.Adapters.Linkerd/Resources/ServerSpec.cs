using System.Text.Json.Serialization;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>The spec of a <see cref="Server"/>.</summary>
internal sealed class ServerSpec
{
    /// <summary>The pods the Server covers.</summary>
    [JsonPropertyName("podSelector")]
    public PodSelector PodSelector { get; set; } = new();

    /// <summary>The container port number.</summary>
    [JsonPropertyName("port")]
    public int Port { get; set; }

    /// <summary>
    /// The protocol of inbound connections: <c>opaque</c> skips protocol detection; unset means <c>unknown</c>
    /// (detect). Supersedes the <c>config.linkerd.io/opaque-ports</c> annotation.
    /// </summary>
    [JsonPropertyName("proxyProtocol")]
    public string? ProxyProtocol { get; set; }
}
