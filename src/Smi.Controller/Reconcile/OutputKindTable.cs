using System.Collections.Immutable;
using Smi.Kube;
using Smi.Kube.Api;

namespace Smi.Controller.Reconcile;

/// <summary>
/// The output kinds the controller watches (one version per kind), the installed CRD of each where it could be read,
/// and the kinds whose CRD was removed while the controller ran. Filled by discovery and changed by the pass that
/// follows a CRD change; read by the reconciler and the informers' handler. Each change replaces immutable maps, so a
/// reader on another thread sees one state or the next, never half of one.
/// </summary>
internal sealed class OutputKindTable
{
    private readonly Lock _gate = new();
    private volatile ImmutableDictionary<(string Group, string Kind), ResourceKind> _watched =
        ImmutableDictionary<(string Group, string Kind), ResourceKind>.Empty;
    private volatile ImmutableDictionary<(string Group, string Kind), CrdVersions> _crds =
        ImmutableDictionary<(string Group, string Kind), CrdVersions>.Empty;
    private volatile ImmutableDictionary<(string Group, string Kind), string> _removed =
        ImmutableDictionary<(string Group, string Kind), string>.Empty;

    /// <summary>The watched kinds by group and kind, as they are now.</summary>
    public IReadOnlyDictionary<(string Group, string Kind), ResourceKind> Watched => _watched;

    /// <summary>The watched kinds.</summary>
    public IEnumerable<ResourceKind> Values => _watched.Values;

    /// <summary>Whether a kind is watched.</summary>
    /// <param name="key">The group and kind.</param>
    /// <returns>Whether it is.</returns>
    public bool ContainsKey((string Group, string Kind) key) => _watched.ContainsKey(key);

    /// <summary>The watched version of a kind.</summary>
    /// <param name="key">The group and kind.</param>
    /// <param name="kind">The watched kind.</param>
    /// <returns>Whether the kind is watched.</returns>
    public bool TryGetValue((string Group, string Kind) key, out ResourceKind kind) =>
        _watched.TryGetValue(key, out kind!);

    /// <summary>The installed CRD of a kind, if it was read.</summary>
    /// <param name="key">The group and kind.</param>
    /// <returns>The CRD's versions, or null.</returns>
    public CrdVersions? CrdOf((string Group, string Kind) key) => _crds.GetValueOrDefault(key);

    /// <summary>The name of the CRD of a kind that was removed while the controller ran, if it was.</summary>
    /// <param name="key">The group and kind.</param>
    /// <returns>The CRD's name, or null.</returns>
    public string? RemovedCrd((string Group, string Kind) key) => _removed.GetValueOrDefault(key);

    /// <summary>Watches a kind (no longer removed), with its CRD when it is known.</summary>
    /// <param name="kind">The kind, in the version to watch.</param>
    /// <param name="crd">Its CRD, or null to keep what is known.</param>
    public void Watch(ResourceKind kind, CrdVersions? crd)
    {
        var key = (kind.Group, kind.Kind);
        lock (_gate)
        {
            _watched = _watched.SetItem(key, kind);
            _removed = _removed.Remove(key);
            if (crd is not null)
            {
                _crds = _crds.SetItem(key, crd);
            }
        }
    }

    /// <summary>Keeps the CRD of a kind, read again after it changed.</summary>
    /// <param name="key">The group and kind.</param>
    /// <param name="crd">The CRD's versions.</param>
    public void SetCrd((string Group, string Kind) key, CrdVersions crd)
    {
        lock (_gate)
        {
            _crds = _crds.SetItem(key, crd);
        }
    }

    /// <summary>Stops watching a kind and forgets its CRD.</summary>
    /// <param name="key">The group and kind.</param>
    /// <param name="removedCrd">
    /// The name of its CRD when that was removed; null when another version of the kind is watched instead.
    /// </param>
    public void Unwatch((string Group, string Kind) key, string? removedCrd)
    {
        lock (_gate)
        {
            _watched = _watched.Remove(key);
            _crds = _crds.Remove(key);
            if (removedCrd is not null)
            {
                _removed = _removed.SetItem(key, removedCrd);
            }
        }
    }
}
