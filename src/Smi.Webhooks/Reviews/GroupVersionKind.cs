using System.Text.Json.Serialization;

namespace Smi.Webhooks.Reviews;

/// <summary>A group, version and kind, as in <c>AdmissionRequest.kind</c>.</summary>
public sealed class GroupVersionKind
{
    /// <summary>The API group; empty for the core group.</summary>
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    /// <summary>The version.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>The kind.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }
}
