namespace Smi.Abstractions.Snapshot;

/// <summary>A port a workload's containers declare.</summary>
/// <param name="Name">The port name, or <see langword="null"/>.</param>
/// <param name="Port">The container port.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
public sealed record ContainerPortInfo(string? Name, int Port, string Protocol);
