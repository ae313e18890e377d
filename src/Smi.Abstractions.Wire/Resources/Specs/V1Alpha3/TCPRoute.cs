using k8s.Models;

namespace Smi.Abstractions.Resources.Specs.V1Alpha3;

/// <summary>specs.smi-spec.io/v1alpha3 TCPRoute: raw TCP traffic; an empty spec, it covers every port.</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class TCPRoute() : SmiResource<TcpRouteSpec>($"{KubeGroup}/{KubeApiVersion}", KubeKind)
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = SmiGroups.Specs;

    /// <summary>The version.</summary>
    public const string KubeApiVersion = "v1alpha3";

    /// <summary>The kind.</summary>
    public const string KubeKind = "TCPRoute";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "tcproutes";
}
