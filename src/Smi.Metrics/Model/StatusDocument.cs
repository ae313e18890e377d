using System.Text.Json.Serialization;

namespace Smi.Metrics.Model;

/// <summary>A meta/v1 <c>Status</c> returned with every error response.</summary>
public sealed class StatusDocument
{
    /// <summary>Always <c>Status</c>.</summary>
    [JsonPropertyName("kind")]
    [JsonPropertyOrder(0)]
    public string Kind { get; set; } = "Status";

    /// <summary>Always <c>v1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    [JsonPropertyOrder(1)]
    public string ApiVersion { get; set; } = "v1";

    /// <summary>Always <c>Failure</c>.</summary>
    [JsonPropertyName("status")]
    [JsonPropertyOrder(2)]
    public string Status { get; set; } = "Failure";

    /// <summary>What went wrong, for people.</summary>
    [JsonPropertyName("message")]
    [JsonPropertyOrder(3)]
    public string Message { get; set; } = string.Empty;

    /// <summary>A machine-readable reason: <c>NotFound</c>, <c>BadRequest</c>, <c>ServiceUnavailable</c>, ...</summary>
    [JsonPropertyName("reason")]
    [JsonPropertyOrder(4)]
    public string Reason { get; set; } = string.Empty;

    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("code")]
    [JsonPropertyOrder(5)]
    public int Code { get; set; }
}
