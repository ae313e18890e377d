namespace Smi.Controller.Cache.Context;

/// <summary>One port of a container.</summary>
internal sealed class ContainerPortDocument
{
    public string? Name { get; init; }

    public int ContainerPort { get; init; }

    public string? Protocol { get; init; }
}
