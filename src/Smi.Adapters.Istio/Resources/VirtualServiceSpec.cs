using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>The spec of a <see cref="VirtualService"/>.</summary>
public sealed class VirtualServiceSpec
{
    /// <summary>The hosts the rules apply to, here the fully qualified name of the split's root Service.</summary>
    [JsonPropertyName("hosts")]
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>Rules for HTTP traffic, in order; the first that matches wins.</summary>
    [JsonPropertyName("http")]
    public IReadOnlyList<HttpRoute>? Http { get; init; }

    /// <summary>Rules for opaque TCP traffic, in order.</summary>
    [JsonPropertyName("tcp")]
    public IReadOnlyList<TcpRoute>? Tcp { get; init; }
}
