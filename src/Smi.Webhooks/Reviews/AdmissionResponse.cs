using System.Text.Json.Serialization;

namespace Smi.Webhooks.Reviews;

/// <summary>The response part of an <see cref="AdmissionReview"/>.</summary>
public sealed class AdmissionResponse
{
    /// <summary>The request's uid.</summary>
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    /// <summary>Whether the operation may proceed.</summary>
    [JsonPropertyName("allowed")]
    public bool Allowed { get; set; }

    /// <summary>Why it was refused: a message naming the fields, a code and one cause per field.</summary>
    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReviewStatus? Status { get; set; }

    /// <summary>Warnings the API server returns to the client as <c>Warning</c> headers.</summary>
    [JsonPropertyName("warnings")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<string>? Warnings { get; set; }
}
