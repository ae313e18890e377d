using System.Collections.Immutable;
using k8s.Models;

namespace Smi.Abstractions.Snapshot;

/// <summary>
/// Leaves out ReplicaSets and Pods whose controlling owner is itself in the input: a namespace exported with
/// <c>kubectl get all -o yaml</c> holds a Deployment, its ReplicaSets and their Pods, which are one workload, not
/// three. An owned object whose owner is not in the input stays, so its pods are still known. The live read skips
/// controller-owned ReplicaSets and Pods for the same reason.
/// </summary>
internal static class OwnedByInput
{
    /// <summary>The entries without the ReplicaSets and Pods whose controller is among them.</summary>
    /// <param name="entries">The input entries.</param>
    /// <returns>The entries to read workloads from.</returns>
    public static IEnumerable<SnapshotEntry> Without(IReadOnlyCollection<SnapshotEntry> entries)
    {
        var present = entries.Select(e => e.OwnKey).OfType<OwnerKey>().ToHashSet();
        return present.Count == 0 ? entries : entries.Where(e => !e.Controllers.Any(present.Contains));
    }

    /// <summary>The controlling owners a ReplicaSet or Pod names; empty for anything else.</summary>
    /// <param name="resource">The object.</param>
    /// <returns>The owners.</returns>
    public static ImmutableArray<OwnerKey> ControllersOf(object resource) => resource switch
    {
        V1ReplicaSet r => Controllers(r.Metadata),
        V1Pod p => Controllers(p.Metadata),
        _ => [],
    };

    /// <summary>The object as an owner, when it is a Deployment, StatefulSet, DaemonSet or ReplicaSet.</summary>
    /// <param name="resource">The object.</param>
    /// <returns>The key, or <see langword="null"/>.</returns>
    public static OwnerKey? Key(object resource) => resource switch
    {
        V1Deployment d => Of("Deployment", d.Metadata),
        V1StatefulSet s => Of("StatefulSet", s.Metadata),
        V1DaemonSet d => Of("DaemonSet", d.Metadata),
        V1ReplicaSet r => Of("ReplicaSet", r.Metadata),
        _ => null,
    };

    private static ImmutableArray<OwnerKey> Controllers(V1ObjectMeta? metadata) =>
        [.. (metadata?.OwnerReferences ?? []).Where(o => o.Controller == true).Select(o => new OwnerKey(
            o.Kind ?? string.Empty, metadata!.NamespaceProperty ?? string.Empty, o.Name ?? string.Empty))];

    private static OwnerKey Of(string kind, V1ObjectMeta? metadata) =>
        new(kind, metadata?.NamespaceProperty ?? string.Empty, metadata?.Name ?? string.Empty);
}
