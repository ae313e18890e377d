using Smi.Abstractions;
using Smi.Abstractions.Snapshot;
using Smi.Controller.Cache;

namespace Smi.Controller.Reconcile;

/// <summary>
/// The SMI objects, Services, workloads and Namespaces in the informers, by reference and by namespace (a Namespace
/// under its own name), kept up to date from the informers' changes (lists and watches), so that a pass finds an
/// object, or the objects of a namespace, without walking every informer. It also notes the namespaces whose objects
/// changed, for the snapshot of the whole fleet kept per namespace (<see cref="KeptFleetSnapshot"/>).
/// </summary>
internal sealed class CachedObjectIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceRef, CachedObject> _byRef = [];
    private readonly Dictionary<string, Dictionary<ResourceRef, CachedObject>> _byNamespace =
        new(StringComparer.Ordinal);

    private HashSet<string> _changedNamespaces = new(StringComparer.Ordinal);
    private HashSet<ResourceRef> _changedObjects = [];

    /// <summary>Takes in one change: the new object replaces the old one, or the old one goes.</summary>
    /// <param name="change">The change.</param>
    public void Apply(ObjectChange change)
    {
        lock (_gate)
        {
            if (change.Old?.Fingerprint != change.New?.Fingerprint || change.Old is null || change.New is null)
            {
                // Not a change of status, managed fields or resource version alone: what was read of the object
                // before still holds then (the new state took it over).
                _changedNamespaces.Add(SnapshotScope.NamespaceOf(change.Current.Ref));
                _changedObjects.Add(change.Current.Ref);
            }

            if (change.Old is { } old && _byRef.Remove(old.Ref)
                && _byNamespace.TryGetValue(SnapshotScope.NamespaceOf(old.Ref), out var before))
            {
                before.Remove(old.Ref);
                if (before.Count == 0)
                {
                    _byNamespace.Remove(SnapshotScope.NamespaceOf(old.Ref));
                }
            }

            if (change.New is { } item)
            {
                _byRef[item.Ref] = item;
                var ns = SnapshotScope.NamespaceOf(item.Ref);
                if (!_byNamespace.TryGetValue(ns, out var objects))
                {
                    objects = [];
                    _byNamespace[ns] = objects;
                }

                objects[item.Ref] = item;
            }
        }
    }

    /// <summary>The object with this reference, if any.</summary>
    /// <param name="reference">The reference (its version does not matter).</param>
    /// <returns>The object, or null.</returns>
    public CachedObject? Find(ResourceRef reference)
    {
        lock (_gate)
        {
            return _byRef.GetValueOrDefault(reference);
        }
    }

    /// <summary>The objects of a namespace, its Namespace included.</summary>
    /// <param name="ns">The namespace.</param>
    /// <returns>A copy.</returns>
    public IReadOnlyList<CachedObject> In(string ns)
    {
        lock (_gate)
        {
            return _byNamespace.TryGetValue(ns, out var objects) ? [.. objects.Values] : [];
        }
    }

    /// <summary>The namespaces that hold objects (a Namespace under its own name).</summary>
    /// <returns>A copy.</returns>
    public IReadOnlyList<string> Namespaces()
    {
        lock (_gate)
        {
            return [.. _byNamespace.Keys];
        }
    }

    /// <summary>
    /// The namespaces whose objects were added, changed or deleted since the last call, and forgets them: a change
    /// that arrives after the call is in the next one.
    /// </summary>
    /// <returns>The namespaces.</returns>
    public IReadOnlySet<string> TakeChangedNamespaces()
    {
        lock (_gate)
        {
            var changed = _changedNamespaces;
            _changedNamespaces = new HashSet<string>(StringComparer.Ordinal);
            return changed;
        }
    }

    /// <summary>
    /// The objects added, changed or deleted since the last call, and forgets them: a change that arrives after the
    /// call is in the next one.
    /// </summary>
    /// <returns>The objects.</returns>
    public IReadOnlySet<ResourceRef> TakeChangedObjects()
    {
        lock (_gate)
        {
            var changed = _changedObjects;
            _changedObjects = [];
            return changed;
        }
    }

    /// <summary>Every object.</summary>
    /// <returns>A copy.</returns>
    public IReadOnlyList<CachedObject> All()
    {
        lock (_gate)
        {
            return [.. _byRef.Values];
        }
    }
}
