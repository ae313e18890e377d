using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Specs.V1Alpha2;

/// <summary>One HTTP match of a v1alpha2 HTTPRouteGroup.</summary>
public sealed class HttpMatch
{
    /// <summary>The name TrafficTarget rules refer to.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>A regex on the path, anchored at its start.</summary>
    [JsonPropertyName("pathRegex")]
    public string? PathRegex { get; set; }

    /// <summary>HTTP methods, or <c>*</c> for all.</summary>
    [JsonPropertyName("methods")]
    public IList<string>? Methods { get; set; }

    /// <summary>
    /// Header name to value regex. Read from either encoding (a map, or a list of one-entry maps); the loader
    /// normalizes to a map.
    /// </summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }
}
