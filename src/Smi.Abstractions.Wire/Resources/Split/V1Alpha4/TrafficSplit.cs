using k8s.Models;

namespace Smi.Abstractions.Resources.Split.V1Alpha4;

/// <summary>split.smi-spec.io/v1alpha4 TrafficSplit: weighted and A/B routing of a root service to backends.</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class TrafficSplit() : SmiResource<TrafficSplitSpec>($"{KubeGroup}/{KubeApiVersion}", KubeKind)
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = SmiGroups.Split;

    /// <summary>The version.</summary>
    public const string KubeApiVersion = "v1alpha4";

    /// <summary>The kind.</summary>
    public const string KubeKind = "TrafficSplit";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "trafficsplits";
}
