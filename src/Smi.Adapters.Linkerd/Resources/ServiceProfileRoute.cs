using System.Text.Json.Serialization;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>A named route of a <see cref="ServiceProfileSpec"/>.</summary>
internal sealed class ServiceProfileRoute
{
    /// <summary>The route name as metrics report it.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The requests the route covers.</summary>
    [JsonPropertyName("condition")]
    public RequestCondition Condition { get; set; } = new();
}
