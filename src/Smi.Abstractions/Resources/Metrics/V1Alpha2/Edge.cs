using System.Text.Json.Serialization;
using k8s.Models;

namespace Smi.Abstractions.Resources.Metrics.V1Alpha2;

/// <summary>The edge of a v1alpha2 TrafficMetrics: traffic between the resource and one peer.</summary>
public sealed class Edge
{
    /// <summary><c>to</c> (the resource calls the peer) or <c>from</c> (the peer calls the resource).</summary>
    [JsonPropertyName("direction")]
    public string? Direction { get; set; }

    /// <summary><c>client</c> or <c>server</c>: which end of the connection measured the traffic.</summary>
    [JsonPropertyName("side")]
    public string? Side { get; set; }

    /// <summary>The peer; empty when the metrics are not per edge.</summary>
    [JsonPropertyName("resource")]
    public V1ObjectReference? Resource { get; set; }
}
