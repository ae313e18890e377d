using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>An attribute condition of an <see cref="AuthorizationRule"/>.</summary>
public sealed class Condition
{
    /// <summary>The attribute, for example <c>request.headers[user-agent]</c>.</summary>
    [JsonPropertyName("key")]
    public string Key { get; init; } = string.Empty;

    /// <summary>
    /// The accepted values, ORed: exact, prefix (<c>abc*</c>), suffix (<c>*abc</c>) or presence (<c>*</c>).
    /// </summary>
    [JsonPropertyName("values")]
    public IReadOnlyList<string>? Values { get; init; }
}
