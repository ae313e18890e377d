using k8s.Models;

namespace Smi.Adapters.Consul.Resources;

/// <summary>consul.hashicorp.com/v1alpha1 ServiceIntentions: which Consul services may call one destination service.</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class ServiceIntentions() : ConsulResource<ServiceIntentionsSpec>(KubeKind)
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ServiceIntentions";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "serviceintentions";
}
