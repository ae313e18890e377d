using k8s.Models;

namespace Smi.Abstractions.Resources.Access.V1Alpha4;

/// <summary>
/// access.smi-spec.io/v1alpha4 IdentityBinding (unreleased draft, smi-controller-sdk only): the workloads of its
/// namespace that one policy identity stands for.
/// </summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class IdentityBinding() : SmiResource<IdentityBindingSpec>($"{KubeGroup}/{KubeApiVersion}", KubeKind)
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = SmiGroups.Access;

    /// <summary>The version.</summary>
    public const string KubeApiVersion = "v1alpha4";

    /// <summary>The kind.</summary>
    public const string KubeKind = "IdentityBinding";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "identitybindings";
}
