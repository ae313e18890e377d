using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Access.V1Alpha4;

/// <summary>A rule of a v1alpha4 TrafficTarget: a traffic spec by kind and name.</summary>
public sealed class TrafficTargetRule
{
    /// <summary><c>HTTPRouteGroup</c>, <c>TCPRoute</c> or <c>UDPRoute</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>The traffic spec's name, in the TrafficTarget's namespace.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Names of HTTPRouteGroup matches; absent means all of them.</summary>
    [JsonPropertyName("matches")]
    public IList<string>? Matches { get; set; }
}
