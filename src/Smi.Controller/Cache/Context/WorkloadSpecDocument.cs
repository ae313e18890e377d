namespace Smi.Controller.Cache.Context;

/// <summary>The <c>spec</c> of a workload, as far as its pod template.</summary>
internal sealed class WorkloadSpecDocument
{
    public PodTemplateDocument? Template { get; init; }
}
