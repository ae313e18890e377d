using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Access.V1Alpha4;

/// <summary>The spec of a v1alpha4 TrafficTarget.</summary>
public sealed class TrafficTargetSpec
{
    /// <summary>The protected identity.</summary>
    [JsonPropertyName("destination")]
    public IdentityBindingSubject? Destination { get; set; }

    /// <summary>The traffic specs the sources may use.</summary>
    [JsonPropertyName("rules")]
    public IList<TrafficTargetRule>? Rules { get; set; }

    /// <summary>The identities allowed in.</summary>
    [JsonPropertyName("sources")]
    public IList<IdentityBindingSubject>? Sources { get; set; }
}
