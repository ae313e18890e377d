using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>Selects workloads by pod labels.</summary>
public sealed class WorkloadSelector
{
    /// <summary>The labels a pod must carry, all of them.</summary>
    [JsonPropertyName("matchLabels")]
    public IReadOnlyDictionary<string, string> MatchLabels { get; init; } = new SortedDictionary<string, string>(
        StringComparer.Ordinal);
}
