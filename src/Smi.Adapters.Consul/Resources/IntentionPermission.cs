using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>One L7 permission of an <see cref="IntentionSource"/>.</summary>
public sealed class IntentionPermission
{
    /// <summary><c>allow</c> or <c>deny</c>.</summary>
    [JsonPropertyName("action")]
    public string Action { get; set; } = string.Empty;

    /// <summary>The requests it applies to.</summary>
    [JsonPropertyName("http")]
    public ConsulHttpMatch Http { get; set; } = new();
}
