using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Access.V1Alpha1;

/// <summary>A source of a v1alpha1 TrafficTarget: a ServiceAccount.</summary>
public sealed class IdentityBindingSubject
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
}
