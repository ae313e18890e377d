using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>A TCP connection condition.</summary>
public sealed class L4MatchAttributes
{
    /// <summary>The Service port the connection is addressed to.</summary>
    [JsonPropertyName("port")]
    public int? Port { get; init; }
}
