using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Smi.Webhooks.Reviews;

/// <summary>The request part of a <see cref="ConversionReview"/>.</summary>
public sealed class ConversionRequest
{
    /// <summary>Identifies this call; the response repeats it.</summary>
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    /// <summary>
    /// The apiVersion every object must be converted to, for example <c>split.smi-spec.io/v1alpha4</c>.
    /// </summary>
    [JsonPropertyName("desiredAPIVersion")]
    public string? DesiredApiVersion { get; set; }

    /// <summary>The objects, each in its current version.</summary>
    [JsonPropertyName("objects")]
    public IList<JsonObject?>? Objects { get; set; }
}
