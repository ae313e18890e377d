using System.Text.Json;
using System.Text.Json.Serialization;

namespace Smi.Metrics.Api;

/// <summary>The JSON settings for served objects: property names as declared, nulls omitted.</summary>
public static class MetricsJson
{
    /// <summary>Compact output, as served.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Indented output, for people.</summary>
    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };
}
