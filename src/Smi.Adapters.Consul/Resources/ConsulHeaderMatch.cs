using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>
/// A header condition of a <see cref="ConsulHttpMatch"/>: the header's whole value must match a regex.
/// </summary>
public sealed class ConsulHeaderMatch
{
    /// <summary>The header name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>An RE2 regex the whole header value must match.</summary>
    [JsonPropertyName("regex")]
    public string? Regex { get; set; }
}
