namespace Smi.Controller.Cache.Context;

/// <summary>What translation reads of a Service's <c>spec</c>.</summary>
internal sealed class ServiceSpecDocument
{
    public Dictionary<string, string>? Selector { get; init; }

    public List<ServicePortDocument?>? Ports { get; init; }

    public string? ClusterIP { get; init; }
}
