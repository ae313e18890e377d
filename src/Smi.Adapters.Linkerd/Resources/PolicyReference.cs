using System.Text.Json.Serialization;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>
/// A reference from an <see cref="AuthorizationPolicy"/> to a target or an authentication in its namespace.
/// </summary>
internal sealed class PolicyReference
{
    /// <summary>The referenced object's API group.</summary>
    [JsonPropertyName("group")]
    public string Group { get; set; } = string.Empty;

    /// <summary>The referenced object's kind.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    /// <summary>The referenced object's name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;
}
