using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Adapters.Consul.Resources;

/// <summary>The common shape of the consul-k8s config-entry kinds this adapter emits: apiVersion, kind, metadata and spec.</summary>
/// <typeparam name="TSpec">The spec type.</typeparam>
public abstract class ConsulResource<TSpec> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>
    where TSpec : new()
{
    /// <summary>The consul-k8s API group.</summary>
    public const string KubeGroup = "consul.hashicorp.com";

    /// <summary>The served version of every consul-k8s config-entry kind.</summary>
    public const string KubeApiVersion = "v1alpha1";

    /// <summary>Creates an object of the given kind.</summary>
    /// <param name="kind">The kind.</param>
    protected ConsulResource(string kind)
    {
        Kind = kind;
    }

    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{KubeGroup}/{KubeApiVersion}";

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; }

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <inheritdoc/>
    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();
}
