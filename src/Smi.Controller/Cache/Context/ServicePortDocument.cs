using System.Text.Json;

namespace Smi.Controller.Cache.Context;

/// <summary>One port of a Service.</summary>
internal sealed class ServicePortDocument
{
    public string? Name { get; init; }

    public int Port { get; init; }

    /// <summary>A number or a name.</summary>
    public JsonElement? TargetPort { get; init; }

    public string? Protocol { get; init; }

    public string? AppProtocol { get; init; }
}
