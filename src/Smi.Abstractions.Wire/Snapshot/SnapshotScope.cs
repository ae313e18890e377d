using Smi.Abstractions.Model;

namespace Smi.Abstractions.Snapshot;

/// <summary>
/// The part of a fleet that translating some units reads, as a snapshot of its own: the objects of the namespaces
/// their inputs live in, and of the namespaces the TrafficTargets there name (their sources' and destinations'
/// IdentityBindings, workloads and Services). Validation and translation of those units see on it what they see on
/// the snapshot of the whole fleet, so a pass that translates a few units pays for them and not for the fleet.
/// Translations that read across every namespace (Consul's one service-name scope) need the whole fleet instead.
/// </summary>
public static class SnapshotScope
{
    /// <summary>
    /// The namespace an object belongs to: its own, a Namespace's name, or empty when cluster-scoped.
    /// </summary>
    /// <param name="reference">The object.</param>
    /// <returns>The namespace.</returns>
    public static string NamespaceOf(ResourceRef reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Namespace ?? (reference.Kind == "Namespace" ? reference.Name : string.Empty);
    }

    /// <summary>
    /// The namespaces a snapshot of <paramref name="namespaces"/> needs: those, and the namespaces the TrafficTargets
    /// in them name, valid or not.
    /// </summary>
    /// <param name="namespaces">
    /// The namespaces of what translation reads: the inputs of the units, the objects that changed.
    /// </param>
    /// <param name="entriesIn">The converted objects of one namespace.</param>
    /// <returns>The namespaces, sorted.</returns>
    public static SortedSet<string> Namespaces(
        IEnumerable<string> namespaces, Func<string, IEnumerable<SnapshotEntry>> entriesIn)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentNullException.ThrowIfNull(entriesIn);
        var own = new SortedSet<string>(namespaces, StringComparer.Ordinal);
        var all = new SortedSet<string>(own, StringComparer.Ordinal);
        foreach (var ns in own)
        {
            foreach (var grant in entriesIn(ns).Select(e => e.Value).OfType<AccessGrant>())
            {
                all.UnionWith(grant.Sources.Append(grant.Destination).Select(i => i.Namespace));
            }
        }

        return all;
    }

    /// <summary>Validates and builds the snapshot of the objects of <paramref name="namespaces"/>.</summary>
    /// <param name="namespaces">The namespaces (<see cref="Namespaces"/>).</param>
    /// <param name="entriesIn">The converted objects of one namespace, its Namespace object included.</param>
    /// <returns>The snapshot.</returns>
    public static MeshSnapshot Build(IEnumerable<string> namespaces, Func<string, IEnumerable<SnapshotEntry>> entriesIn)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentNullException.ThrowIfNull(entriesIn);
        var builder = new SnapshotBuilder();
        foreach (var ns in namespaces.Distinct(StringComparer.Ordinal))
        {
            foreach (var entry in entriesIn(ns))
            {
                builder.Add(entry);
            }
        }

        return builder.Build();
    }
}
