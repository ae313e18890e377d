using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>An operation entry of an <see cref="AuthorizationRule"/>.</summary>
public sealed class RuleTo
{
    /// <summary>The operation.</summary>
    [JsonPropertyName("operation")]
    public Operation Operation { get; init; } = new();
}
