using System.Text.Json.Serialization;

namespace Smi.Adapters.GatewayApi.Routes.Resources;

/// <summary>A header condition of an <see cref="HttpRouteMatch"/>.</summary>
internal sealed class HttpHeaderMatch
{
    /// <summary>The match type; this adapter writes <c>RegularExpression</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "RegularExpression";

    /// <summary>The header name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The pattern, which must match the whole value.</summary>
    [JsonPropertyName("value")]
    public string Value { get; set; } = string.Empty;
}
