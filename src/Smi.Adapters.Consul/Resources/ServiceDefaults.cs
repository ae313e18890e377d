using k8s.Models;

namespace Smi.Adapters.Consul.Resources;

/// <summary>consul.hashicorp.com/v1alpha1 ServiceDefaults: the protocol and other defaults of one Consul service.</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class ServiceDefaults() : ConsulResource<ServiceDefaultsSpec>(KubeKind)
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ServiceDefaults";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "servicedefaults";
}
