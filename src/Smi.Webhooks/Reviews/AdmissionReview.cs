using System.Text.Json.Serialization;

namespace Smi.Webhooks.Reviews;

/// <summary>
/// <c>admission.k8s.io/v1 AdmissionReview</c>: what the API server sends to an admission webhook
/// (<see cref="Request"/>) and what the webhook answers (<see cref="Response"/>).
/// </summary>
public sealed class AdmissionReview
{
    /// <summary>The apiVersion of reviews this library reads and writes.</summary>
    public const string V1 = "admission.k8s.io/v1";

    /// <summary>Always <see cref="V1"/>.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = V1;

    /// <summary>Always <c>AdmissionReview</c>.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "AdmissionReview";

    /// <summary>The operation to admit; set by the API server.</summary>
    [JsonPropertyName("request")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdmissionRequest? Request { get; set; }

    /// <summary>The verdict; set by the webhook.</summary>
    [JsonPropertyName("response")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdmissionResponse? Response { get; set; }
}
