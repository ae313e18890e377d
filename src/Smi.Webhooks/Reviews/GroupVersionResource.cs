using System.Text.Json.Serialization;

namespace Smi.Webhooks.Reviews;

/// <summary>A group, version and resource (plural), as in <c>AdmissionRequest.resource</c>.</summary>
public sealed class GroupVersionResource
{
    /// <summary>The API group; empty for the core group.</summary>
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    /// <summary>The version.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>The plural resource name.</summary>
    [JsonPropertyName("resource")]
    public string? Resource { get; set; }
}
