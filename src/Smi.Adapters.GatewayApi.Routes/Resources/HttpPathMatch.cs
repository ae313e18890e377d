using System.Text.Json.Serialization;

namespace Smi.Adapters.GatewayApi.Routes.Resources;

/// <summary>A path condition of an <see cref="HttpRouteMatch"/>.</summary>
internal sealed class HttpPathMatch
{
    /// <summary>The match type; this adapter writes <c>RegularExpression</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "RegularExpression";

    /// <summary>The pattern, which must match the whole path.</summary>
    [JsonPropertyName("value")]
    public string Value { get; set; } = string.Empty;
}
