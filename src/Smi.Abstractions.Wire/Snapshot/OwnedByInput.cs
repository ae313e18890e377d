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
    /// <summary>The objects without the ReplicaSets and Pods whose controller is among them.</summary>
    /// <param name="objects">The input objects.</param>
    /// <returns>The objects to read workloads from.</returns>
    public static IEnumerable<object> Without(IReadOnlyCollection<object> objects)
    {
        var present = objects.Select(Key).OfType<(string, string, string)>().ToHashSet();
        return objects.Where(o => o switch
        {
            V1ReplicaSet r => !HasOwnerIn(r.Metadata, present),
            V1Pod p => !HasOwnerIn(p.Metadata, present),
            _ => true,
        });
    }

    private static bool HasOwnerIn(V1ObjectMeta? metadata, HashSet<(string, string, string)> present) =>
        metadata?.OwnerReferences?.Any(o => o.Controller == true
            && present.Contains((o.Kind ?? string.Empty, metadata.NamespaceProperty ?? string.Empty,
                o.Name ?? string.Empty))) == true;

    private static (string Kind, string Namespace, string Name)? Key(object resource) => resource switch
    {
        V1Deployment d => ("Deployment", d.Metadata?.NamespaceProperty ?? string.Empty, d.Metadata?.Name ?? ""),
        V1StatefulSet s => ("StatefulSet", s.Metadata?.NamespaceProperty ?? string.Empty, s.Metadata?.Name ?? ""),
        V1DaemonSet d => ("DaemonSet", d.Metadata?.NamespaceProperty ?? string.Empty, d.Metadata?.Name ?? ""),
        V1ReplicaSet r => ("ReplicaSet", r.Metadata?.NamespaceProperty ?? string.Empty, r.Metadata?.Name ?? ""),
        _ => null,
    };
}
