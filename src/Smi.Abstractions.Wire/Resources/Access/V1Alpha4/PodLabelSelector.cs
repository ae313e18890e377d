using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Access.V1Alpha4;

/// <summary>The pod label scheme of a v1alpha4 IdentityBinding.</summary>
public sealed class PodLabelSelector
{
    /// <summary>Labels a pod must all carry.</summary>
    [JsonPropertyName("matchLabels")]
    public IDictionary<string, string>? MatchLabels { get; set; }
}
