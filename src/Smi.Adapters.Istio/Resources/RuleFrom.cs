using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>A source entry of an <see cref="AuthorizationRule"/>.</summary>
public sealed class RuleFrom
{
    /// <summary>The source.</summary>
    [JsonPropertyName("source")]
    public Source Source { get; init; } = new();
}
