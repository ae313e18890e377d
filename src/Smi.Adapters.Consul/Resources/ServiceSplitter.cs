using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Adapters.Consul.Resources;

/// <summary>
/// A consul-k8s <c>consul.hashicorp.com/v1alpha1</c> ServiceSplitter:
/// weighted splitting of one Consul service's traffic
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-splitter).
/// </summary>
public sealed class ServiceSplitter : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = "consul.hashicorp.com";

    /// <summary>The API version consul-k8s serves.</summary>
    public const string KubeApiVersion = "v1alpha1";

    /// <summary>The kind.</summary>
    public const string KubeKind = "ServiceSplitter";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "servicesplitters";

    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeGroup + "/" + KubeApiVersion;

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The weighted targets.</summary>
    [JsonPropertyName("spec")]
    public ServiceSplitterSpec Spec { get; set; } = new();
}
