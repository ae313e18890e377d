using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Adapters.GatewayApi.Routes.Resources;

/// <summary>
/// A Gateway API TCPRoute: <c>gateway.networking.k8s.io/v1alpha2</c> (experimental channel up to 1.5) or
/// <c>gateway.networking.k8s.io/v1</c> (standard channel from 1.6).
/// </summary>
internal sealed class TcpRoute : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The <c>v1alpha2</c> API version.</summary>
    public const string V1Alpha2 = "gateway.networking.k8s.io/v1alpha2";

    /// <summary>The <c>v1</c> API version.</summary>
    public const string V1 = "gateway.networking.k8s.io/v1";

    /// <summary>The object's API version.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = V1Alpha2;

    /// <summary>The object's kind.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "TCPRoute";

    /// <summary>The object's metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired state.</summary>
    [JsonPropertyName("spec")]
    public TcpRouteSpec Spec { get; set; } = new();
}
