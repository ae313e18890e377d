using System.Text.Json.Serialization;
using k8s.Models;

namespace Smi.Abstractions.Resources.Metrics.V1Alpha1;

/// <summary>The edge of a v1alpha1 TrafficMetrics: traffic between the resource and one peer.</summary>
public sealed class Edge
{
    /// <summary><c>to</c> (the resource calls the peer) or <c>from</c> (the peer calls the resource).</summary>
    [JsonPropertyName("direction")]
    public string? Direction { get; set; }

    /// <summary>The peer; empty when the metrics are not per edge.</summary>
    [JsonPropertyName("resource")]
    public V1ObjectReference? Resource { get; set; }
}
