using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Access.V1Alpha4;

/// <summary>The spec of a v1alpha4 IdentityBinding.</summary>
public sealed class IdentityBindingSpec
{
    /// <summary>The ways a workload can hold the identity; they are ORed. The CRD requires the field.</summary>
    [JsonPropertyName("schemes")]
    public IdentityBindingSchemes? Schemes { get; set; }
}
