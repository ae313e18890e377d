using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Access.V1Alpha1;

/// <summary>The destination of a v1alpha1 TrafficTarget: a ServiceAccount, optionally narrowed to one port.</summary>
public sealed class TrafficTargetDestination
{
    /// <summary>The kind: <c>ServiceAccount</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>The ServiceAccount name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The ServiceAccount namespace; defaults to the TrafficTarget's.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    /// <summary>The only port the sources may reach; absent means every port. A quoted number is read too.</summary>
    [JsonPropertyName("port")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Port { get; set; }
}
