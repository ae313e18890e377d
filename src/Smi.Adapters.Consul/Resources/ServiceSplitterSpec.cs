using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>The spec of a <see cref="ServiceSplitter"/>.</summary>
public sealed class ServiceSplitterSpec
{
    /// <summary>The weighted targets; their percentages add up to exactly 100.</summary>
    [JsonPropertyName("splits")]
    public IList<ServiceSplit> Splits { get; set; } = [];
}
