using k8s.Models;

namespace Smi.Adapters.Consul.Resources;

/// <summary>consul.hashicorp.com/v1alpha1 ServiceResolver: how one Consul service resolves to instances (here: a redirect).</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class ServiceResolver() : ConsulResource<ServiceResolverSpec>(KubeKind)
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ServiceResolver";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "serviceresolvers";
}
