namespace Smi.Controller.Cache.Context;

/// <summary>What translation reads of a pod's <c>spec</c>: its identity and its containers' ports and probes.</summary>
internal sealed class PodSpecDocument
{
    public List<ContainerDocument?>? Containers { get; init; }

    public List<ContainerDocument?>? InitContainers { get; init; }

    public string? ServiceAccountName { get; init; }

    public string? ServiceAccount { get; init; }
}
