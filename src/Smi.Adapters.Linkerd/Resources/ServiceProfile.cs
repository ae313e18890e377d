using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>
/// A Linkerd ServiceProfile (<c>linkerd.io/v1alpha2</c>) named after a Service's fully qualified host name.
/// </summary>
internal sealed class ServiceProfile : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The API version Linkerd 2.20 stores.</summary>
    public const string Version = "linkerd.io/v1alpha2";

    /// <summary>The object's API version.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Version;

    /// <summary>The object's kind.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "ServiceProfile";

    /// <summary>The object's metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired state.</summary>
    [JsonPropertyName("spec")]
    public ServiceProfileSpec Spec { get; set; } = new();
}
