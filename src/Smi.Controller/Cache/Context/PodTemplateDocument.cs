namespace Smi.Controller.Cache.Context;

/// <summary>A Pod, or a workload's pod template: its metadata and spec.</summary>
internal sealed class PodTemplateDocument
{
    public ObjectMetaDocument? Metadata { get; init; }

    public PodSpecDocument? Spec { get; init; }
}
