using System.Text.Json.Serialization;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>One <c>dstOverrides</c> entry of a <see cref="ServiceProfileSpec"/>.</summary>
internal sealed class WeightedDestination
{
    /// <summary>The backend's fully qualified host name.</summary>
    [JsonPropertyName("authority")]
    public string Authority { get; set; } = string.Empty;

    /// <summary>The weight as a Kubernetes quantity in milli-units, for example <c>900m</c>.</summary>
    [JsonPropertyName("weight")]
    public string Weight { get; set; } = string.Empty;
}
