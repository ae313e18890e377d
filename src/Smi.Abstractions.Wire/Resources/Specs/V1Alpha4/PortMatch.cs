using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources.Specs.V1Alpha4;

/// <summary>The port match of a v1alpha4 TCPRoute or UDPRoute.</summary>
public sealed class PortMatch
{
    /// <summary>An optional name (in the Go types, not in the CRD).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The ports; empty means every port of the destination.</summary>
    [JsonPropertyName("ports")]
    public IList<int>? Ports { get; set; }
}
