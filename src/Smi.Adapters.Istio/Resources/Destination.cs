using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>A service in Istio's registry.</summary>
public sealed class Destination
{
    /// <summary>The fully qualified host name of the Service.</summary>
    [JsonPropertyName("host")]
    public string Host { get; init; } = string.Empty;
}
