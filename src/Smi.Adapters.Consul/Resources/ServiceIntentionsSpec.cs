using System.Text.Json.Serialization;

namespace Smi.Adapters.Consul.Resources;

/// <summary>The spec of a <see cref="ServiceIntentions"/>.</summary>
public sealed class ServiceIntentionsSpec
{
    /// <summary>The service being protected.</summary>
    [JsonPropertyName("destination")]
    public IntentionDestination Destination { get; set; } = new();

    /// <summary>The callers and what each may do.</summary>
    [JsonPropertyName("sources")]
    public IList<IntentionSource> Sources { get; set; } = [];
}
