using k8s.Models;

namespace Smi.Abstractions.Resources.Access.V1Alpha2;

/// <summary>
/// access.smi-spec.io/v1alpha2 TrafficTarget: which sources may reach a destination, on which traffic.
/// </summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class TrafficTarget() : SmiResource<TrafficTargetSpec>($"{KubeGroup}/{KubeApiVersion}", KubeKind)
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = SmiGroups.Access;

    /// <summary>The version.</summary>
    public const string KubeApiVersion = "v1alpha2";

    /// <summary>The kind.</summary>
    public const string KubeKind = "TrafficTarget";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "traffictargets";
}
