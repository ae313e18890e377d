using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Smi.Webhooks.Reviews;

/// <summary>
/// The parts of a <c>meta/v1 Status</c> that reviews carry: <c>ConversionResponse.result</c> and
/// <c>AdmissionResponse.status</c>.
/// </summary>
public sealed class ReviewStatus
{
    /// <summary><c>Success</c> or <c>Failure</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>A human-readable description.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>A machine-readable reason, for example <c>Invalid</c>.</summary>
    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; set; }

    /// <summary>The HTTP status code the API server answers with.</summary>
    [JsonPropertyName("code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Code { get; set; }

    /// <summary>Details such as <c>causes</c> (one per field).</summary>
    [JsonPropertyName("details")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Details { get; set; }
}
