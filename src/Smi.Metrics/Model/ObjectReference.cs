using System.Text.Json.Serialization;

namespace Smi.Metrics.Model;

/// <summary>
/// The parts of a core/v1 <c>ObjectReference</c> the API fills: kind, namespace and name. An empty reference
/// serializes as <c>{}</c> ("any resource").
/// </summary>
public sealed class ObjectReference
{
    /// <summary>The kind, such as <c>Deployment</c>.</summary>
    [JsonPropertyName("kind")]
    [JsonPropertyOrder(0)]
    public string? Kind { get; set; }

    /// <summary>The namespace, absent for namespaces themselves.</summary>
    [JsonPropertyName("namespace")]
    [JsonPropertyOrder(1)]
    public string? Namespace { get; set; }

    /// <summary>The name.</summary>
    [JsonPropertyName("name")]
    [JsonPropertyOrder(2)]
    public string? Name { get; set; }

    /// <inheritdoc/>
    public override string ToString() => (Kind, Namespace, Name) switch
    {
        (null, null, null) => "{}",
        (_, null, _) => $"{Kind}/{Name}",
        _ => $"{Kind}/{Namespace}/{Name}",
    };
}
