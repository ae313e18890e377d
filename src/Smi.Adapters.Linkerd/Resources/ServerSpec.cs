using System.Text.Json.Serialization;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>The spec of a <see cref="Server"/>.</summary>
internal sealed class ServerSpec
{
    /// <summary>The pods the Server covers.</summary>
    [JsonPropertyName("podSelector")]
    public PodSelector PodSelector { get; set; } = new();

    /// <summary>The container port number.</summary>
    [JsonPropertyName("port")]
    public int Port { get; set; }
}
