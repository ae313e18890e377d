namespace Smi.Abstractions.Snapshot;

/// <summary>A kubelet HTTP probe of a workload's container.</summary>
/// <param name="Kind">liveness, readiness or startup.</param>
/// <param name="Port">The probed port as written: a number or a container port name.</param>
/// <param name="Path">The probed path.</param>
public sealed record ProbeInfo(string Kind, string Port, string? Path);
