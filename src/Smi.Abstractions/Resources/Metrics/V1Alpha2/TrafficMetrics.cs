using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Abstractions.Resources.Metrics.V1Alpha2;

/// <summary>
/// metrics.smi-spec.io/v1alpha2 TrafficMetrics: the traffic metrics of one resource (or one edge of it) over a window.
/// Served by an aggregated API, read-only; not a CRD and not converted to the hub.
/// </summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class TrafficMetrics : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = SmiGroups.Metrics;

    /// <summary>The version.</summary>
    public const string KubeApiVersion = "v1alpha2";

    /// <summary>The kind.</summary>
    public const string KubeKind = "TrafficMetrics";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "trafficmetrics";

    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{KubeGroup}/{KubeApiVersion}";

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The resource the metrics are about (a Pod, Deployment, Namespace, ...).</summary>
    [JsonPropertyName("resource")]
    public V1ObjectReference? Resource { get; set; }

    /// <summary>The edge, when the metrics cover only traffic to or from one peer.</summary>
    [JsonPropertyName("edge")]
    public Edge? Edge { get; set; }

    /// <summary>The end of the window.</summary>
    [JsonPropertyName("timestamp")]
    public DateTime? Timestamp { get; set; }

    /// <summary>The window as a Go duration, for example <c>30s</c> (the default).</summary>
    [JsonPropertyName("window")]
    public string? Window { get; set; }

    /// <summary>The metric values.</summary>
    [JsonPropertyName("metrics")]
    public IList<Metric>? Metrics { get; set; }

    /// <summary>The TrafficSplit backend the metrics are about; only on trafficsplit metrics.</summary>
    [JsonPropertyName("backend")]
    public Backend? Backend { get; set; }
}
