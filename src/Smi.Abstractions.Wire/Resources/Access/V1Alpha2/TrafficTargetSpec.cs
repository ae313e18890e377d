using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Access.V1Alpha2;

/// <summary>The spec of a v1alpha2 TrafficTarget.</summary>
public sealed class TrafficTargetSpec
{
    /// <summary>The protected identity, optionally narrowed to one port.</summary>
    [JsonPropertyName("destination")]
    public TrafficTargetDestination? Destination { get; set; }

    /// <summary>The traffic specs the sources may use.</summary>
    [JsonPropertyName("rules")]
    public IList<TrafficTargetRule>? Rules { get; set; }

    /// <summary>The identities allowed in.</summary>
    [JsonPropertyName("sources")]
    public IList<IdentityBindingSubject>? Sources { get; set; }
}
