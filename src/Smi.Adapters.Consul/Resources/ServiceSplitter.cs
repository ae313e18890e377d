using k8s.Models;

namespace Smi.Adapters.Consul.Resources;

/// <summary>consul.hashicorp.com/v1alpha1 ServiceSplitter: weighted splitting of one Consul service's traffic.</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class ServiceSplitter() : ConsulResource<ServiceSplitterSpec>(KubeKind)
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ServiceSplitter";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "servicesplitters";
}
