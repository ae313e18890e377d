using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Smi.Webhooks.Reviews;

/// <summary>The response part of a <see cref="ConversionReview"/>.</summary>
public sealed class ConversionResponse
{
    /// <summary>The request's uid.</summary>
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    /// <summary>The converted objects, in the order of the request; empty on failure.</summary>
    [JsonPropertyName("convertedObjects")]
    public IList<JsonObject> ConvertedObjects { get; set; } = [];

    /// <summary><c>status: Success</c>, or <c>Failure</c> with a message.</summary>
    [JsonPropertyName("result")]
    public ReviewStatus Result { get; set; } = new() { Status = "Success" };
}
