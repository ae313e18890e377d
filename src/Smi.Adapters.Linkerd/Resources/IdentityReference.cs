using System.Text.Json.Serialization;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>A ServiceAccount a <see cref="MeshTlsAuthenticationSpec"/> accepts.</summary>
internal sealed class IdentityReference
{
    /// <summary>Always <c>ServiceAccount</c>.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "ServiceAccount";

    /// <summary>The ServiceAccount name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The ServiceAccount namespace.</summary>
    [JsonPropertyName("namespace")]
    public string Namespace { get; set; } = string.Empty;
}
