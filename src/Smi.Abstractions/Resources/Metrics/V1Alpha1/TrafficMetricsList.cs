using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Abstractions.Resources.Metrics.V1Alpha1;

/// <summary>metrics.smi-spec.io/v1alpha1 TrafficMetricsList: the metrics of every resource of a kind, or of every edge of one resource.</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class TrafficMetricsList : IKubernetesObject<V1ListMeta>, IItems<TrafficMetrics>
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = SmiGroups.Metrics;

    /// <summary>The version.</summary>
    public const string KubeApiVersion = "v1alpha1";

    /// <summary>The kind.</summary>
    public const string KubeKind = "TrafficMetricsList";

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
    public V1ListMeta Metadata { get; set; } = new();

    /// <summary>What was listed: a kind, optionally with namespace and name.</summary>
    [JsonPropertyName("resource")]
    public V1ObjectReference? Resource { get; set; }

    /// <summary>The label selector that filtered the items, when one was given.</summary>
    [JsonPropertyName("selector")]
    public V1LabelSelector? Selector { get; set; }

    /// <inheritdoc/>
    [JsonPropertyName("items")]
    public IList<TrafficMetrics> Items { get; set; } = [];
}
