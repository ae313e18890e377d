using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>
/// One caller of a <see cref="ServiceIntentions"/>: either an L4 <see cref="Action"/> or L7
/// <see cref="Permissions"/>, never both.
/// </summary>
public sealed class IntentionSource
{
    /// <summary>The calling Consul service name, or <c>*</c>.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The caller's Consul Enterprise namespace; set only when namespaces are mirrored.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    /// <summary><c>allow</c> or <c>deny</c> for every request of the caller.</summary>
    [JsonPropertyName("action")]
    public string? Action { get; set; }

    /// <summary>Per-request decisions, first match wins.</summary>
    [JsonPropertyName("permissions")]
    public IList<IntentionPermission>? Permissions { get; set; }
}
