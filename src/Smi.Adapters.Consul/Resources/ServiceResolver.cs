using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Adapters.Consul.Resources;

/// <summary>
/// A consul-k8s <c>consul.hashicorp.com/v1alpha1</c> ServiceResolver:
/// how one Consul service resolves to instances (here: a redirect)
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-resolver).
/// </summary>
public sealed class ServiceResolver : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = "consul.hashicorp.com";

    /// <summary>The API version consul-k8s serves.</summary>
    public const string KubeApiVersion = "v1alpha1";

    /// <summary>The kind.</summary>
    public const string KubeKind = "ServiceResolver";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "serviceresolvers";

    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeGroup + "/" + KubeApiVersion;

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The resolution; this adapter sets only the redirect.</summary>
    [JsonPropertyName("spec")]
    public ServiceResolverSpec Spec { get; set; } = new();
}
