namespace Smi.Controller.Cache.Context;

/// <summary>What translation reads of a Deployment, StatefulSet or DaemonSet: its identity and pod template.</summary>
internal sealed class WorkloadDocument
{
    public ObjectMetaDocument? Metadata { get; init; }

    public WorkloadSpecDocument? Spec { get; init; }
}
