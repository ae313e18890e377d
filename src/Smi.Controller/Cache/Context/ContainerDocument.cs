namespace Smi.Controller.Cache.Context;

/// <summary>
/// What translation reads of a container: its ports, HTTP probes and (for init containers) restart policy.
/// </summary>
internal sealed class ContainerDocument
{
    public List<ContainerPortDocument?>? Ports { get; init; }

    public ProbeDocument? LivenessProbe { get; init; }

    public ProbeDocument? ReadinessProbe { get; init; }

    public ProbeDocument? StartupProbe { get; init; }

    public string? RestartPolicy { get; init; }
}
