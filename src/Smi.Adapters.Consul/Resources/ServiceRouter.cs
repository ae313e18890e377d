using k8s.Models;

namespace Smi.Adapters.Consul.Resources;

/// <summary>consul.hashicorp.com/v1alpha1 ServiceRouter: L7 routes of one Consul service's traffic.</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class ServiceRouter() : ConsulResource<ServiceRouterSpec>(KubeKind)
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ServiceRouter";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "servicerouters";
}
