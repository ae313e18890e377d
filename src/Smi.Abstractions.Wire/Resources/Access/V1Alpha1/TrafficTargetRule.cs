using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Access.V1Alpha1;

/// <summary>An entry of a v1alpha1 TrafficTarget's <c>specs</c>: a traffic spec by kind and name.</summary>
public sealed class TrafficTargetRule
{
    /// <summary><c>HTTPRouteGroup</c> or <c>TCPRoute</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>The traffic spec's name, in the TrafficTarget's namespace.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Names of HTTPRouteGroup matches; absent means all of them.</summary>
    [JsonPropertyName("matches")]
    public IList<string>? Matches { get; set; }
}
