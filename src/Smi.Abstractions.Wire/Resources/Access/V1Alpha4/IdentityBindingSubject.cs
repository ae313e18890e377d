using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Access.V1Alpha4;

/// <summary>A destination or source of a v1alpha4 TrafficTarget: a ServiceAccount or an IdentityBinding.</summary>
public sealed class IdentityBindingSubject
{
    /// <summary><c>ServiceAccount</c> or <c>IdentityBinding</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>
    /// The API group the spec draft's examples add (<c>access.smi-spec.io</c> for an IdentityBinding). The
    /// smi-controller-sdk CRD has no such field, so it is read but never written.
    /// </summary>
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    /// <summary>The ServiceAccount or IdentityBinding name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Its namespace; defaults to the TrafficTarget's.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }
}
