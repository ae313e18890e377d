using k8s.Models;

namespace Smi.Abstractions.Resources.Specs.V1Alpha4;

/// <summary>specs.smi-spec.io/v1alpha4 TCPRoute: a TCPRoute: a set of TCP ports.</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class TCPRoute() : SmiResource<TcpRouteSpec>($"{KubeGroup}/{KubeApiVersion}", KubeKind)
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = SmiGroups.Specs;

    /// <summary>The version.</summary>
    public const string KubeApiVersion = "v1alpha4";

    /// <summary>The kind.</summary>
    public const string KubeKind = "TCPRoute";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "tcproutes";
}
