using k8s.Models;

namespace Smi.Abstractions.Resources.Specs.V1Alpha2;

/// <summary>specs.smi-spec.io/v1alpha2 TCPRoute: raw TCP traffic; metadata only, it covers every port.</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class TCPRoute() : SmiObject($"{KubeGroup}/{KubeApiVersion}", KubeKind)
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = SmiGroups.Specs;

    /// <summary>The version.</summary>
    public const string KubeApiVersion = "v1alpha2";

    /// <summary>The kind.</summary>
    public const string KubeKind = "TCPRoute";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "tcproutes";
}
