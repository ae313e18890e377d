using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>
/// One rule of an <see cref="AuthorizationPolicy"/>: <c>from</c>, <c>to</c> and <c>when</c> are ANDed.
/// </summary>
public sealed class AuthorizationRule
{
    /// <summary>The allowed sources, ORed; <see langword="null"/> for any source.</summary>
    [JsonPropertyName("from")]
    public IReadOnlyList<RuleFrom>? From { get; init; }

    /// <summary>The allowed operations, ORed; <see langword="null"/> for any operation.</summary>
    [JsonPropertyName("to")]
    public IReadOnlyList<RuleTo>? To { get; init; }

    /// <summary>Further conditions, ANDed, such as request headers.</summary>
    [JsonPropertyName("when")]
    public IReadOnlyList<Condition>? When { get; init; }
}
