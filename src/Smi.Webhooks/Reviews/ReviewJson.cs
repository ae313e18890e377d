using System.Text.Json;
using System.Text.Json.Serialization;

namespace Smi.Webhooks.Reviews;

/// <summary>The JSON settings reviews are read and written with.</summary>
public static class ReviewJson
{
    /// <summary>Case-sensitive property names as Kubernetes writes them; nulls left out where marked.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
