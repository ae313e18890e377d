using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Specs.V1Alpha1;

/// <summary>One HTTP match of a v1alpha1 HTTPRouteGroup (no headers in this version).</summary>
public sealed class HttpMatch
{
    /// <summary>The name TrafficTarget specs refer to.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>A regex on the path, anchored at its start.</summary>
    [JsonPropertyName("pathRegex")]
    public string? PathRegex { get; set; }

    /// <summary>HTTP methods, or <c>*</c> for all.</summary>
    [JsonPropertyName("methods")]
    public IList<string>? Methods { get; set; }
}
