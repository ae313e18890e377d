using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>
/// A Linkerd AuthorizationPolicy (<c>policy.linkerd.io/v1alpha1</c>): lets the clients of its authentications reach its
/// target.
/// </summary>
internal sealed class AuthorizationPolicy : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The API version Linkerd 2.20 serves.</summary>
    public const string Version = "policy.linkerd.io/v1alpha1";

    /// <summary>The object's API version.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Version;

    /// <summary>The object's kind.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "AuthorizationPolicy";

    /// <summary>The object's metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired state.</summary>
    [JsonPropertyName("spec")]
    public AuthorizationPolicySpec Spec { get; set; } = new();
}
