using System.Text.Json.Serialization;

namespace Smi.Metrics.Model;

/// <summary>The discovery document served at a version root, <c>/apis/metrics.smi-spec.io/v1alpha1</c>.</summary>
public sealed class ApiResourceList
{
    /// <summary>Always <c>APIResourceList</c>.</summary>
    [JsonPropertyName("kind")]
    [JsonPropertyOrder(0)]
    public string Kind { get; set; } = "APIResourceList";

    /// <summary>Always <c>v1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    [JsonPropertyOrder(1)]
    public string ApiVersion { get; set; } = "v1";

    /// <summary>The group and version described, such as <c>metrics.smi-spec.io/v1alpha1</c>.</summary>
    [JsonPropertyName("groupVersion")]
    [JsonPropertyOrder(2)]
    public string GroupVersion { get; set; } = string.Empty;

    /// <summary>The resources and sub-resources.</summary>
    [JsonPropertyName("resources")]
    [JsonPropertyOrder(3)]
    public List<ApiResource> Resources { get; set; } = [];
}
