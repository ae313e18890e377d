using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>One weighted target of a <see cref="ServiceSplitter"/>.</summary>
public sealed class ServiceSplit
{
    /// <summary>The Consul service that receives this share.</summary>
    [JsonPropertyName("service")]
    public string? Service { get; set; }

    /// <summary>The share in percent: 0, or 0.01 to 100 with at most two decimals.</summary>
    [JsonPropertyName("weight")]
    public double Weight { get; set; }
}
