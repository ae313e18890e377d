using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Specs.V1Alpha4;

/// <summary>The spec of a v1alpha4 HTTPRouteGroup.</summary>
public sealed class HttpRouteGroupSpec
{
    /// <summary>The matches; the CRD requires at least the field.</summary>
    [JsonPropertyName("matches")]
    public IList<HttpMatch>? Matches { get; set; }
}
