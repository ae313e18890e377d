using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>The destination of a <see cref="ServiceIntentions"/>.</summary>
public sealed class IntentionDestination
{
    /// <summary>The Consul service name, or <c>*</c> for every service.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The Consul Enterprise namespace; set only when namespaces are mirrored.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }
}
