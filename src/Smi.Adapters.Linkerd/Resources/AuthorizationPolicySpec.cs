using System.Text.Json.Serialization;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>The spec of an <see cref="AuthorizationPolicy"/>.</summary>
internal sealed class AuthorizationPolicySpec
{
    /// <summary>The Server or HTTPRoute the policy authorizes traffic to.</summary>
    [JsonPropertyName("targetRef")]
    public PolicyReference TargetRef { get; set; } = new();

    /// <summary>Authentications that must all be satisfied.</summary>
    [JsonPropertyName("requiredAuthenticationRefs")]
    public List<PolicyReference> RequiredAuthenticationRefs { get; set; } = [];
}
