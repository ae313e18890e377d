using System.Collections.Immutable;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Validation;

namespace Smi.Abstractions.Snapshot;

/// <summary>
/// The snapshot of a whole fleet kept as one part per namespace, so that building it again costs the namespaces whose
/// objects changed, not the fleet. A part holds what a build from scratch holds of its namespace's objects: the
/// converted objects, those validation kept, and the diagnostics about them. Validating a namespace's objects reads
/// that namespace and the namespaces its TrafficTargets name (<see cref="SnapshotScope"/>), so a part is built again
/// when its namespace changed or one of those did. The snapshot assembled from the parts equals the one a
/// <see cref="SnapshotBuilder"/> builds from every object.
/// </summary>
public sealed class KeptFleetSnapshot
{
    private readonly Dictionary<string, SnapshotPart> _parts = new(StringComparer.Ordinal);
    private readonly NamespaceNamers _namers = new();
    private readonly IReadOnlyList<ISmiValidator> _validators;
    private SortedSet<string> _lastBuilt = new(StringComparer.Ordinal);

    /// <summary>Namespaces whose parts the next build builds again: they name one whose part was kept.</summary>
    private readonly SortedSet<string> _stale = new(StringComparer.Ordinal);

    /// <summary>The last snapshot assembled, while no part was built or dropped since.</summary>
    private MeshSnapshot? _assembled;

    /// <summary>Creates an empty one with the default validators.</summary>
    public KeptFleetSnapshot()
        : this(SnapshotBuilder.DefaultValidators)
    {
    }

    /// <summary>Creates an empty one with the given validators.</summary>
    /// <param name="validators">The validators to run.</param>
    public KeptFleetSnapshot(IEnumerable<ISmiValidator> validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        _validators = [.. validators];
    }

    /// <summary>The namespaces whose parts the last <see cref="Build"/> built, sorted.</summary>
    public IReadOnlySet<string> LastBuilt => _lastBuilt;

    /// <summary>Forgets every part: the next <see cref="Build"/> builds each namespace's part anew.</summary>
    public void Forget()
    {
        _parts.Clear();
        _namers.Clear();
        _stale.Clear();
        _assembled = null;
    }

    /// <summary>
    /// The snapshot of the objects of <paramref name="namespaces"/>: the kept parts of the namespaces that did not
    /// change, and new parts of those that did, of those whose TrafficTargets name one that did, and of those without a
    /// part. Parts of namespaces no longer listed are dropped.
    /// </summary>
    /// <param name="namespaces">Every namespace that holds objects (a Namespace under its own name).</param>
    /// <param name="changed">
    /// The namespaces whose objects changed (added, changed or deleted) since the last build, also those no longer
    /// listed; a change left out here stays out of the snapshot until its namespace is built again.
    /// </param>
    /// <param name="entriesIn">The converted objects of one namespace, its Namespace object included.</param>
    /// <returns>The snapshot, equal to one built from every object of <paramref name="namespaces"/>.</returns>
    public MeshSnapshot Build(
        IEnumerable<string> namespaces, IEnumerable<string> changed, Func<string, IEnumerable<SnapshotEntry>> entriesIn)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(entriesIn);
        var present = new SortedSet<string>(namespaces, StringComparer.Ordinal);
        foreach (var gone in _parts.Keys.Where(ns => !present.Contains(ns)).ToList())
        {
            Drop(gone);
        }

        var dirty = new SortedSet<string>(_stale, StringComparer.Ordinal);
        _stale.Clear();
        _namers.AddWithNamers(dirty, changed);

        dirty.UnionWith(present.Where(ns => !_parts.ContainsKey(ns)));
        dirty.IntersectWith(present);
        if (dirty.Count > 0)
        {
            BuildParts(dirty, entriesIn);
        }

        _lastBuilt = dirty;
        if (_assembled is { } last)
        {
            // No part changed: the same objects and diagnostics, and the lookups built for them, in a snapshot of its
            // own (a snapshot keeps the units it was first given).
            var all = last.Unvalidated;
            return all.Validated(
                last.Splits, last.AccessGrants, last.RouteGroups, last.PortRoutes, last.IdentityBindings,
                last.Diagnostics);
        }

        _assembled = Assemble(present);
        return _assembled;
    }

    /// <summary>
    /// Takes the parts of <paramref name="namespaces"/> from a snapshot built, as they are now, of them and the
    /// namespaces their TrafficTargets name (<see cref="SnapshotScope.Namespaces"/>), such as a change pass builds: the
    /// next <see cref="Build"/> need not build them again unless they change once more. The namespaces whose
    /// TrafficTargets name one of them, and are not among them, are built again by the next <see cref="Build"/>.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="namespaces">The namespaces whose parts it gives.</param>
    /// <param name="entriesIn">The converted objects of one namespace, as the snapshot was built from.</param>
    public void Keep(
        MeshSnapshot snapshot, IEnumerable<string> namespaces, Func<string, IEnumerable<SnapshotEntry>> entriesIn)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentNullException.ThrowIfNull(entriesIn);
        var kept = new SortedSet<string>(namespaces, StringComparer.Ordinal);
        if (kept.Count == 0)
        {
            return;
        }

        var unlocated = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
        foreach (var ns in kept)
        {
            _stale.UnionWith(_namers.Of(ns).Where(n => !kept.Contains(n)));

            foreach (var diagnostic in entriesIn(ns).SelectMany(e => e.Diagnostics).Where(d => d.Object is null))
            {
                Collect(unlocated, ns).Add(diagnostic);
            }
        }

        KeepParts(snapshot, kept, unlocated);
    }

    /// <summary>
    /// Builds the parts of <paramref name="dirty"/> from one snapshot of those namespaces and the ones their
    /// TrafficTargets name, as a whole-fleet build would see them.
    /// </summary>
    private void BuildParts(SortedSet<string> dirty, Func<string, IEnumerable<SnapshotEntry>> entriesIn)
    {
        var builder = new SnapshotBuilder(_validators);
        var named = new SortedSet<string>(StringComparer.Ordinal);
        var unlocated = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
        foreach (var ns in dirty)
        {
            foreach (var entry in entriesIn(ns))
            {
                builder.Add(entry);
                if (entry.Value is AccessGrant grant)
                {
                    named.UnionWith(grant.Sources.Append(grant.Destination).Select(i => i.Namespace));
                }

                foreach (var diagnostic in entry.Diagnostics.Where(d => d.Object is null))
                {
                    Collect(unlocated, ns).Add(diagnostic);
                }
            }
        }

        foreach (var ns in named.Where(n => !dirty.Contains(n)))
        {
            foreach (var entry in entriesIn(ns))
            {
                builder.Add(entry);
            }
        }

        KeepParts(builder.Build(), dirty, unlocated);
    }

    /// <summary>
    /// Keeps, as the parts of <paramref name="namespaces"/>, what <paramref name="snapshot"/> holds of their objects:
    /// it holds them and the namespaces their TrafficTargets name.
    /// </summary>
    private void KeepParts(
        MeshSnapshot snapshot, SortedSet<string> namespaces, Dictionary<string, List<Diagnostic>> unlocated)
    {
        _assembled = null;
        var dirty = namespaces;
        var all = snapshot.Unvalidated;
        var diagnostics = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
        foreach (var diagnostic in snapshot.Diagnostics.Where(d => d.Object is not null))
        {
            var ns = SnapshotScope.NamespaceOf(diagnostic.Object!);
            if (dirty.Contains(ns))
            {
                Collect(diagnostics, ns).Add(diagnostic);
            }
        }

        var splits = Split(all.Splits, s => s.Source, dirty);
        var grants = Split(all.AccessGrants, g => g.Source, dirty);
        var routeGroups = Split(all.RouteGroups, g => g.Source, dirty);
        var portRoutes = Split(all.PortRoutes, r => r.Source, dirty);
        var bindings = Split(all.IdentityBindings, b => b.Source, dirty);
        var services = Split(all.Services, s => s.Ref, dirty);
        var workloads = Split(all.Workloads, w => w.Ref, dirty);
        var namespaceInfos = all.Namespaces.Where(n => dirty.Contains(n.Name)).ToDictionary(n => n.Name);
        var validSplits = Split(snapshot.Splits, s => s.Source, dirty);
        var validGrants = Split(snapshot.AccessGrants, g => g.Source, dirty);
        var validRouteGroups = Split(snapshot.RouteGroups, g => g.Source, dirty);
        var validPortRoutes = Split(snapshot.PortRoutes, r => r.Source, dirty);
        var validBindings = Split(snapshot.IdentityBindings, b => b.Source, dirty);
        foreach (var ns in dirty)
        {
            Drop(ns);
            var part = new SnapshotPart(
                splits.GetValueOrDefault(ns, []),
                grants.GetValueOrDefault(ns, []),
                routeGroups.GetValueOrDefault(ns, []),
                portRoutes.GetValueOrDefault(ns, []),
                bindings.GetValueOrDefault(ns, []),
                services.GetValueOrDefault(ns, []),
                workloads.GetValueOrDefault(ns, []),
                namespaceInfos.TryGetValue(ns, out var info) ? [info] : [],
                validSplits.GetValueOrDefault(ns, []),
                validGrants.GetValueOrDefault(ns, []),
                validRouteGroups.GetValueOrDefault(ns, []),
                validPortRoutes.GetValueOrDefault(ns, []),
                validBindings.GetValueOrDefault(ns, []),
                [.. diagnostics.GetValueOrDefault(ns, []), .. unlocated.GetValueOrDefault(ns, [])],
                grants.GetValueOrDefault(ns, []).SelectMany(g => g.Sources.Append(g.Destination))
                    .Select(i => i.Namespace)
                    .Where(n => !string.Equals(n, ns, StringComparison.Ordinal))
                    .ToImmutableHashSet(StringComparer.Ordinal));
            _parts[ns] = part;
            _namers.Replace(ns, [], part.Names);
        }
    }

    /// <summary>The snapshot of the kept parts of <paramref name="present"/>, in the order a builder gives.</summary>
    private MeshSnapshot Assemble(SortedSet<string> present)
    {
        var parts = present.Select(ns => _parts[ns]).ToList();
        var splits = Joined(parts, p => p.Splits, s => s.Source);
        var grants = Joined(parts, p => p.AccessGrants, g => g.Source);
        var routeGroups = Joined(parts, p => p.RouteGroups, g => g.Source);
        var portRoutes = Joined(parts, p => p.PortRoutes, r => r.Source);
        var bindings = Joined(parts, p => p.IdentityBindings, b => b.Source);
        var services = Joined(parts, p => p.Services, s => s.Ref);
        var workloads = Joined(parts, p => p.Workloads, w => w.Ref);
        var namespaces = parts.SelectMany(p => p.Namespaces).OrderBy(n => n.Name, StringComparer.Ordinal)
            .ToImmutableArray();
        var diagnostics = parts.SelectMany(p => p.Diagnostics).Distinct().Order(DiagnosticOrder.Instance)
            .ToImmutableArray();
        var unvalidated = new MeshSnapshot(
            splits, grants, routeGroups, portRoutes, bindings, services, workloads, namespaces, []);
        var validSplits = Joined(parts, p => p.ValidSplits, s => s.Source);
        var validGrants = Joined(parts, p => p.ValidAccessGrants, g => g.Source);
        var validRouteGroups = Joined(parts, p => p.ValidRouteGroups, g => g.Source);
        var validPortRoutes = Joined(parts, p => p.ValidPortRoutes, r => r.Source);
        var validBindings = Joined(parts, p => p.ValidIdentityBindings, b => b.Source);
        if (validSplits.Length == splits.Length && validGrants.Length == grants.Length
            && validRouteGroups.Length == routeGroups.Length && validPortRoutes.Length == portRoutes.Length
            && validBindings.Length == bindings.Length)
        {
            // Nothing left out, as a builder hands out the snapshot the validators saw.
            return unvalidated.WithValidationDiagnostics(diagnostics);
        }

        return unvalidated.Validated(
            validSplits, validGrants, validRouteGroups, validPortRoutes, validBindings, diagnostics);
    }

    private void Drop(string ns)
    {
        if (_parts.Remove(ns, out var part))
        {
            _assembled = null;
            _namers.Replace(ns, part.Names, []);
        }
    }

    private static List<Diagnostic> Collect(Dictionary<string, List<Diagnostic>> byNamespace, string ns)
    {
        if (!byNamespace.TryGetValue(ns, out var list))
        {
            list = [];
            byNamespace[ns] = list;
        }

        return list;
    }

    /// <summary>The items of <paramref name="keep"/>'s namespaces, by namespace, in their order.</summary>
    private static Dictionary<string, ImmutableArray<T>> Split<T>(
        ImmutableArray<T> items, Func<T, ResourceRef> key, SortedSet<string> keep)
    {
        var byNamespace = new Dictionary<string, ImmutableArray<T>.Builder>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var ns = SnapshotScope.NamespaceOf(key(item));
            if (!keep.Contains(ns))
            {
                continue;
            }

            if (!byNamespace.TryGetValue(ns, out var list))
            {
                list = ImmutableArray.CreateBuilder<T>();
                byNamespace[ns] = list;
            }

            list.Add(item);
        }

        return byNamespace.ToDictionary(p => p.Key, p => p.Value.ToImmutable(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The parts' items in one array, sorted as a builder sorts them: taken in namespace order they are sorted already
    /// unless one array holds several kinds (TCP and UDP routes, workloads).
    /// </summary>
    private static ImmutableArray<T> Joined<T>(
        List<SnapshotPart> parts, Func<SnapshotPart, ImmutableArray<T>> of, Func<T, ResourceRef> key)
    {
        var joined = ImmutableArray.CreateBuilder<T>(parts.Sum(p => of(p).Length));
        foreach (var part in parts)
        {
            joined.AddRange(of(part));
        }

        for (var i = 1; i < joined.Count; i++)
        {
            if (key(joined[i - 1]).CompareTo(key(joined[i])) > 0)
            {
                return [.. joined.OrderBy(key)];
            }
        }

        return joined.MoveToImmutable();
    }
}
