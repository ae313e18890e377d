using System.Text.Json.Serialization;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>A label selector of a <see cref="ServerSpec"/>.</summary>
internal sealed class PodSelector
{
    /// <summary>Labels a pod must all carry.</summary>
    [JsonPropertyName("matchLabels")]
    public SortedDictionary<string, string> MatchLabels { get; set; } = new(StringComparer.Ordinal);
}
