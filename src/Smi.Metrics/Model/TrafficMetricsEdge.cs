using System.Text.Json.Serialization;

namespace Smi.Metrics.Model;

/// <summary>The other end of the traffic that a TrafficMetrics item is restricted to.</summary>
public sealed class TrafficMetricsEdge
{
    /// <summary><c>to</c>: the resource sends to the edge resource; <c>from</c>: it receives from it.</summary>
    [JsonPropertyName("direction")]
    [JsonPropertyOrder(0)]
    public string Direction { get; set; } = string.Empty;

    /// <summary>
    /// Where the traffic was measured, <c>client</c> or <c>server</c> (v1alpha2 only; absent in v1alpha1).
    /// </summary>
    [JsonPropertyName("side")]
    [JsonPropertyOrder(1)]
    public string? Side { get; set; }

    /// <summary>The peer; empty (<c>{}</c>) means any peer.</summary>
    [JsonPropertyName("resource")]
    [JsonPropertyOrder(2)]
    public ObjectReference Resource { get; set; } = new();
}
