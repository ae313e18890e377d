using System.Text.Json.Serialization;

namespace Smi.Adapters.GatewayApi.Routes.Resources;

/// <summary>
/// A route's parent: a Service (<c>group: ""</c>, the GAMMA binding) or a mesh object such as a Linkerd Server.
/// </summary>
internal sealed class ParentReference
{
    /// <summary>The parent's API group; always written, because the CRD defaults it to something else.</summary>
    [JsonPropertyName("group")]
    public string Group { get; set; } = string.Empty;

    /// <summary>The parent's kind; always written, because the CRD defaults it to <c>Gateway</c>.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    /// <summary>The parent's name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The Service port the route applies to; <see langword="null"/> for Servers.</summary>
    [JsonPropertyName("port")]
    public int? Port { get; set; }
}
