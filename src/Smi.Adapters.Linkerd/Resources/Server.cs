using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>
/// A Linkerd Server (<c>policy.linkerd.io/v1beta3</c>): one port of a set of pods, denying what no policy authorizes.
/// </summary>
internal sealed class Server : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The API version Linkerd 2.20 stores.</summary>
    public const string Version = "policy.linkerd.io/v1beta3";

    /// <summary>The object's API version.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Version;

    /// <summary>The object's kind.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Server";

    /// <summary>The object's metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired state.</summary>
    [JsonPropertyName("spec")]
    public ServerSpec Spec { get; set; } = new();
}
