using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>
/// HTTP request conditions, as both <c>ServiceRouter</c> <c>routes[].match.http</c> and <c>ServiceIntentions</c>
/// <c>sources[].permissions[].http</c> write them. At most one of the path fields is set.
/// </summary>
public sealed class ConsulHttpMatch
{
    /// <summary>A path prefix; this adapter uses <c>/</c> for "every path".</summary>
    [JsonPropertyName("pathPrefix")]
    public string? PathPrefix { get; set; }

    /// <summary>An RE2 regex the whole path must match.</summary>
    [JsonPropertyName("pathRegex")]
    public string? PathRegex { get; set; }

    /// <summary>The allowed methods; <see langword="null"/> for any method.</summary>
    [JsonPropertyName("methods")]
    public IList<string>? Methods { get; set; }

    /// <summary>Header conditions, ANDed; <see langword="null"/> for none.</summary>
    [JsonPropertyName("header")]
    public IList<ConsulHeaderMatch>? Header { get; set; }
}
