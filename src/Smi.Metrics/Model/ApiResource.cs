using System.Text.Json.Serialization;

namespace Smi.Metrics.Model;

/// <summary>One entry of an <see cref="ApiResourceList"/>.</summary>
public sealed class ApiResource
{
    /// <summary>The plural resource name, or <c>resource/edges</c> for the edges sub-resource.</summary>
    [JsonPropertyName("name")]
    [JsonPropertyOrder(0)]
    public string Name { get; set; } = string.Empty;

    /// <summary>The singular name (empty, as Kubernetes discovery leaves it for aggregated APIs).</summary>
    [JsonPropertyName("singularName")]
    [JsonPropertyOrder(1)]
    public string SingularName { get; set; } = string.Empty;

    /// <summary>Whether the resource is namespaced.</summary>
    [JsonPropertyName("namespaced")]
    [JsonPropertyOrder(2)]
    public bool Namespaced { get; set; }

    /// <summary>Always <c>TrafficMetrics</c>.</summary>
    [JsonPropertyName("kind")]
    [JsonPropertyOrder(3)]
    public string Kind { get; set; } = "TrafficMetrics";

    /// <summary><c>get</c> and <c>list</c>.</summary>
    [JsonPropertyName("verbs")]
    [JsonPropertyOrder(4)]
    public List<string> Verbs { get; set; } = ["get", "list"];
}
