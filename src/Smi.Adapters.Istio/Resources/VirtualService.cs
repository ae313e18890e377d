using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Adapters.Istio.Resources;

/// <summary>An Istio <c>networking.istio.io</c> VirtualService: routing rules for one or more hosts.</summary>
public sealed class VirtualService : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = "networking.istio.io";

    /// <summary>The kind.</summary>
    public const string KubeKind = "VirtualService";

    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeGroup + "/v1";

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The routing rules.</summary>
    [JsonPropertyName("spec")]
    public VirtualServiceSpec Spec { get; set; } = new();
}
