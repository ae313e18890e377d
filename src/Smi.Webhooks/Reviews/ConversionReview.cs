using System.Text.Json.Serialization;

namespace Smi.Webhooks.Reviews;

/// <summary>
/// <c>apiextensions.k8s.io/v1 ConversionReview</c>: what the API server sends to a CRD conversion webhook
/// (<see cref="Request"/>) and what the webhook answers (<see cref="Response"/>).
/// </summary>
public sealed class ConversionReview
{
    /// <summary>The apiVersion of reviews this library reads and writes.</summary>
    public const string V1 = "apiextensions.k8s.io/v1";

    /// <summary>Always <see cref="V1"/>.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = V1;

    /// <summary>Always <c>ConversionReview</c>.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "ConversionReview";

    /// <summary>The objects to convert; set by the API server.</summary>
    [JsonPropertyName("request")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConversionRequest? Request { get; set; }

    /// <summary>The converted objects; set by the webhook.</summary>
    [JsonPropertyName("response")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConversionResponse? Response { get; set; }
}
