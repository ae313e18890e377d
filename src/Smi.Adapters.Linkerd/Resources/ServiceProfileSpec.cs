using System.Text.Json.Serialization;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>The spec of a <see cref="ServiceProfile"/>.</summary>
internal sealed class ServiceProfileSpec
{
    /// <summary>Named routes for per-route metrics; <see langword="null"/> when there are none.</summary>
    [JsonPropertyName("routes")]
    public List<ServiceProfileRoute>? Routes { get; set; }

    /// <summary>
    /// Weighted destinations that replace the Service; <see langword="null"/> when there is no split.
    /// </summary>
    [JsonPropertyName("dstOverrides")]
    public List<WeightedDestination>? DstOverrides { get; set; }
}
