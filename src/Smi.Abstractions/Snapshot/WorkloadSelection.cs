using System.Collections.Immutable;

namespace Smi.Abstractions.Snapshot;

/// <summary>The workloads that run as one identity, and a label selector for them.</summary>
/// <param name="Workloads">The workloads found, sorted.</param>
/// <param name="CommonLabels">The pod labels every one of them carries.</param>
/// <param name="Exclusive">
/// Whether <paramref name="CommonLabels"/> is non-empty and selects no pod of another identity in the namespace, so a
/// selector built from it protects exactly these workloads.
/// </param>
public sealed record WorkloadSelection(
    ImmutableArray<WorkloadInfo> Workloads, ImmutableSortedDictionary<string, string> CommonLabels, bool Exclusive)
{
    /// <summary>Whether no workload was found.</summary>
    public bool IsEmpty => Workloads.IsDefaultOrEmpty;
}
