using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Adapters.GatewayApi.Routes.Resources;

/// <summary>
/// An HTTPRoute of Gateway API (<c>gateway.networking.k8s.io/v1</c>) or Linkerd (<c>policy.linkerd.io/v1beta3</c>);
/// both share this shape.
/// </summary>
internal sealed class HttpRoute : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The object's API version.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "gateway.networking.k8s.io/v1";

    /// <summary>The object's kind.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "HTTPRoute";

    /// <summary>The object's metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired state.</summary>
    [JsonPropertyName("spec")]
    public HttpRouteSpec Spec { get; set; } = new();
}
