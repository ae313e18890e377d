using System.Text.Json.Serialization;

namespace Smi.Adapters.Istio.Resources;

/// <summary>What a request or connection does; the fields are ANDed, the values of each field ORed.</summary>
public sealed class Operation
{
    /// <summary>Workload (container) ports.</summary>
    [JsonPropertyName("ports")]
    public IReadOnlyList<string>? Ports { get; init; }

    /// <summary>HTTP methods.</summary>
    [JsonPropertyName("methods")]
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>Paths: exact, prefix (<c>/api/*</c>) or suffix (<c>*.png</c>).</summary>
    [JsonPropertyName("paths")]
    public IReadOnlyList<string>? Paths { get; init; }
}
