using System.Collections.Immutable;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Access;

/// <summary>The container ports a grant or rule allows on one destination workload.</summary>
/// <param name="Workload">The workload.</param>
/// <param name="EveryPort">Whether every port of the workload is allowed (no port rule narrows it).</param>
/// <param name="Ports">
/// The allowed container ports, sorted and distinct; empty when <paramref name="EveryPort"/>.
/// </param>
public sealed record WorkloadPorts(WorkloadInfo Workload, bool EveryPort, ImmutableArray<int> Ports)
{
    /// <summary>Whether two workloads are allowed the same ports.</summary>
    /// <param name="other">The other workload's ports.</param>
    /// <returns><see langword="true"/> when both allow every port or the same port numbers.</returns>
    public bool SamePortsAs(WorkloadPorts other) =>
        EveryPort == other.EveryPort && Ports.SequenceEqual(other.Ports);
}
