using System.Text.Json;

namespace Smi.Controller.Cache.Context;

/// <summary>The HTTP request of a probe.</summary>
internal sealed class HttpGetDocument
{
    /// <summary>A number or a name.</summary>
    public JsonElement? Port { get; init; }

    public string? Path { get; init; }
}
