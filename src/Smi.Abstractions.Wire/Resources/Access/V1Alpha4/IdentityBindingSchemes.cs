using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Access.V1Alpha4;

/// <summary>
/// The schemes of a v1alpha4 IdentityBinding; <see cref="PodLabelSelector"/> and <see cref="ServiceAccount"/> exclude
/// each other.
/// </summary>
public sealed class IdentityBindingSchemes
{
    /// <summary>Pods of the binding's namespace carrying these labels.</summary>
    [JsonPropertyName("podLabelSelector")]
    public PodLabelSelector? PodLabelSelector { get; set; }

    /// <summary>SPIFFE IDs the identity also stands for.</summary>
    [JsonPropertyName("spiffeIdentities")]
    public IList<string>? SpiffeIdentities { get; set; }

    /// <summary>Pods running as this ServiceAccount of the binding's namespace.</summary>
    [JsonPropertyName("serviceAccount")]
    public string? ServiceAccount { get; set; }
}
