using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>The spec of an <see cref="AuthorizationPolicy"/>.</summary>
public sealed class AuthorizationPolicySpec
{
    /// <summary>The action for an ALLOW policy.</summary>
    public const string AllowAction = "ALLOW";

    /// <summary>
    /// The workloads the policy applies to; <see langword="null"/> for every workload of the namespace.
    /// </summary>
    [JsonPropertyName("selector")]
    public WorkloadSelector? Selector { get; init; }

    /// <summary>The action; <c>ALLOW</c> here.</summary>
    [JsonPropertyName("action")]
    public string? Action { get; init; }

    /// <summary>The rules, ORed; an ALLOW policy without rules allows nothing.</summary>
    [JsonPropertyName("rules")]
    public IReadOnlyList<AuthorizationRule>? Rules { get; init; }
}
