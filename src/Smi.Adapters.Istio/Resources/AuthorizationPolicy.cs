using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Adapters.Istio.Resources;

/// <summary>
/// An Istio <c>security.istio.io</c> AuthorizationPolicy: who may reach the selected workloads, and how.
/// </summary>
public sealed class AuthorizationPolicy : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = "security.istio.io";

    /// <summary>The kind.</summary>
    public const string KubeKind = "AuthorizationPolicy";

    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeGroup + "/v1";

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The policy; an empty spec allows nothing to every workload of the namespace.</summary>
    [JsonPropertyName("spec")]
    public AuthorizationPolicySpec Spec { get; set; } = new();
}
