using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Adapters.Consul.Resources;

/// <summary>
/// A consul-k8s <c>consul.hashicorp.com/v1alpha1</c> ServiceIntentions:
/// which Consul services may call one destination service
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-intentions).
/// </summary>
public sealed class ServiceIntentions : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = "consul.hashicorp.com";

    /// <summary>The API version consul-k8s serves.</summary>
    public const string KubeApiVersion = "v1alpha1";

    /// <summary>The kind.</summary>
    public const string KubeKind = "ServiceIntentions";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "serviceintentions";

    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeGroup + "/" + KubeApiVersion;

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The destination and its callers.</summary>
    [JsonPropertyName("spec")]
    public ServiceIntentionsSpec Spec { get; set; } = new();
}
