using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>The peer identities a rule accepts.</summary>
public sealed class Source
{
    /// <summary>
    /// Peer principals (<c>&lt;trustDomain&gt;/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c>), ORed; they need mutual TLS.
    /// </summary>
    [JsonPropertyName("principals")]
    public IReadOnlyList<string>? Principals { get; init; }
}
