using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>
/// A Linkerd MeshTLSAuthentication (<c>policy.linkerd.io/v1alpha1</c>): a set of mesh TLS identities, any of which
/// authenticates.
/// </summary>
internal sealed class MeshTlsAuthentication : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The API version Linkerd 2.20 serves.</summary>
    public const string Version = "policy.linkerd.io/v1alpha1";

    /// <summary>The object's API version.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Version;

    /// <summary>The object's kind.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "MeshTLSAuthentication";

    /// <summary>The object's metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired state.</summary>
    [JsonPropertyName("spec")]
    public MeshTlsAuthenticationSpec Spec { get; set; } = new();
}
