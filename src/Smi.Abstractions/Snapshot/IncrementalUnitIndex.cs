using System.Collections.Immutable;

namespace Smi.Abstractions.Snapshot;

/// <summary>
/// The translation units of a snapshot and the inputs that feed each, kept up to date from the objects that changed
/// instead of computed again over every object: the same units and inputs as <see cref="MeshSnapshot.Units"/> and
/// <see cref="MeshSnapshot.UnitsByInput"/> of a snapshot computed from scratch. What a namespace's TrafficSplits,
/// TrafficTargets and default deny contribute is recomputed when an object of that namespace changes, or of a
/// namespace its TrafficTargets name (a destination's workloads and Services, an IdentityBinding).
/// </summary>
public sealed class IncrementalUnitIndex
{
    private readonly Dictionary<string, NamespaceContribution> _byNamespace = new(StringComparer.Ordinal);
    private readonly NamespaceNamers _namers = new();
    private readonly Dictionary<UnitKey, Dictionary<ResourceRef, int>> _inputCounts = [];
    private ImmutableSortedDictionary<UnitKey, TranslationUnit> _units =
        ImmutableSortedDictionary<UnitKey, TranslationUnit>.Empty;

    private ImmutableDictionary<ResourceRef, ImmutableArray<UnitKey>> _unitsByInput =
        ImmutableDictionary<ResourceRef, ImmutableArray<UnitKey>>.Empty;

    /// <summary>The units, by key.</summary>
    public ImmutableSortedDictionary<UnitKey, TranslationUnit> Units => _units;

    /// <summary>For each input object, the units it feeds, sorted.</summary>
    public ImmutableDictionary<ResourceRef, ImmutableArray<UnitKey>> UnitsByInput => _unitsByInput;

    /// <summary>
    /// The units whose list of inputs the last update or rebuild changed: new units, units gone, and units that read
    /// other objects than before. A unit's list can change through an object it does not list (a TrafficTarget becomes
    /// valid when its route is created, and a namespace's default deny then names it), so a unit in this set is due
    /// even when none of the changed objects is its input.
    /// </summary>
    public IReadOnlySet<UnitKey> UnitsWithChangedInputs { get; private set; } = new HashSet<UnitKey>();

    /// <summary>
    /// Computes the index of <paramref name="snapshot"/> from scratch, and lets the snapshot answer its units from it.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    public void Rebuild(MeshSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var all = snapshot.Unvalidated;
        var namespaces = new HashSet<string>(_byNamespace.Keys, StringComparer.Ordinal);
        namespaces.UnionWith(all.Splits.Select(s => s.Namespace));
        namespaces.UnionWith(all.AccessGrants.Select(g => g.Namespace));
        namespaces.UnionWith(all.Workloads.Select(w => w.Namespace));
        namespaces.UnionWith(all.Namespaces.Select(n => n.Name));
        Recompute(snapshot, namespaces);
    }

    /// <summary>
    /// Brings the index up to date with <paramref name="snapshot"/>, which differs from the snapshot of the last update
    /// only in <paramref name="changed"/> (added, changed or deleted), and lets the snapshot answer its units from it.
    /// </summary>
    /// <param name="snapshot">The new snapshot.</param>
    /// <param name="changed">The objects that changed since the last update.</param>
    public void Update(MeshSnapshot snapshot, IEnumerable<ResourceRef> changed)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Recompute(snapshot, NamespacesToRecompute(changed));
    }

    /// <summary>
    /// The namespaces whose contribution an <see cref="Update"/> with <paramref name="changed"/> recomputes: those of
    /// the objects, and those whose TrafficTargets name them. A snapshot handed to the update needs what these
    /// namespaces read, and no more.
    /// </summary>
    /// <param name="changed">The objects that changed since the last update.</param>
    /// <returns>The namespaces.</returns>
    public IReadOnlySet<string> NamespacesToRecompute(IEnumerable<ResourceRef> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var dirty = new HashSet<string>(StringComparer.Ordinal);
        _namers.AddWithNamers(
            dirty, changed.Select(r => r.Namespace ?? (r.Kind == "Namespace" ? r.Name : string.Empty)).Distinct());
        return dirty;
    }

    /// <summary>
    /// Lets <paramref name="snapshot"/> answer its units from this index, as it stands: for a snapshot of part of the
    /// fleet, every unit of the fleet and all its inputs, not only those of the part. Once attached (or asked for its
    /// units), a snapshot keeps those units: attach it only after the index is up to date with it.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    public void Attach(MeshSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.UseUnits(_units, _unitsByInput);
    }

    private void Recompute(MeshSnapshot snapshot, IEnumerable<string> namespaces)
    {
        // Units that gained or lost an input. A namespace's new contribution is counted before its old one is taken
        // away, so an input that the namespace gave before and still gives keeps a count above zero and does not mark
        // its unit: a change in one namespace does not sort again the inputs of a unit over the whole fleet (the mesh
        // unit lists every TrafficTarget) when its list stays the same.
        var changedUnits = new HashSet<UnitKey>();

        // The units of each input are kept as the sorted arrays the snapshot answers with, changed in place of a set
        // per input (which would hold every link twice).
        // The links made and undone are gathered per input and written once each at the end: an input's array and
        // the map are copied once per pass, not once per link (a rebuild links every input of the fleet).
        var relinks = new Dictionary<ResourceRef, List<(UnitKey Unit, bool Linked)>>();
        foreach (var ns in namespaces)
        {
            var before = _byNamespace.GetValueOrDefault(ns);
            var after = NamespaceContribution.Of(snapshot, ns);
            _namers.Replace(ns, before?.Names ?? [], after.Names);
            foreach (var (unit, inputs) in after.Units)
            {
                Count(unit, inputs, +1, changedUnits, relinks);
            }

            foreach (var (unit, inputs) in before?.Units ?? [])
            {
                Count(unit, inputs, -1, changedUnits, relinks);
            }

            if (after.IsEmpty)
            {
                _byNamespace.Remove(ns);
            }
            else
            {
                _byNamespace[ns] = after;
            }
        }

        var byInput = _unitsByInput.ToBuilder();
        foreach (var (input, relinked) in relinks)
        {
            Relink(input, relinked, byInput);
        }

        var units = _units.ToBuilder();
        var withChangedInputs = new HashSet<UnitKey>();
        foreach (var unit in changedUnits)
        {
            var previous = _units.TryGetValue(unit, out var was) ? was.Inputs : [];
            if (_inputCounts.TryGetValue(unit, out var counts))
            {
                var now = new TranslationUnit(unit, [.. counts.Keys.Order()]);
                if (!now.Inputs.SequenceEqual(previous))
                {
                    units[unit] = now;
                    withChangedInputs.Add(unit);
                }
            }
            else if (units.Remove(unit))
            {
                withChangedInputs.Add(unit);
            }
        }

        UnitsWithChangedInputs = withChangedInputs;

        _units = units.ToImmutable();
        _unitsByInput = byInput.ToImmutable();
        snapshot.UseUnits(_units, _unitsByInput);
    }

    private void Count(
        UnitKey unit,
        IEnumerable<ResourceRef> inputs,
        int delta,
        HashSet<UnitKey> changedUnits,
        Dictionary<ResourceRef, List<(UnitKey Unit, bool Linked)>> relinks)
    {
        if (!_inputCounts.TryGetValue(unit, out var counts))
        {
            counts = [];
            _inputCounts[unit] = counts;
        }

        foreach (var input in inputs)
        {
            var count = counts.GetValueOrDefault(input) + delta;
            if (count > 0)
            {
                if (counts.TryAdd(input, count))
                {
                    Relinks(relinks, input).Add((unit, true));
                    changedUnits.Add(unit);
                }
                else
                {
                    counts[input] = count;
                }
            }
            else
            {
                counts.Remove(input);
                Relinks(relinks, input).Add((unit, false));
                changedUnits.Add(unit);
            }
        }

        if (counts.Count == 0)
        {
            _inputCounts.Remove(unit);
            changedUnits.Add(unit);
        }
    }

    private static List<(UnitKey Unit, bool Linked)> Relinks(
        Dictionary<ResourceRef, List<(UnitKey Unit, bool Linked)>> relinks, ResourceRef input)
    {
        if (!relinks.TryGetValue(input, out var of))
        {
            of = [];
            relinks[input] = of;
        }

        return of;
    }

    /// <summary>
    /// Writes an input's sorted units anew: its links made and undone in a pass, in the order they were, applied to
    /// the units it had.
    /// </summary>
    private static void Relink(
        ResourceRef input,
        List<(UnitKey Unit, bool Linked)> relinked,
        ImmutableDictionary<ResourceRef, ImmutableArray<UnitKey>>.Builder byInput)
    {
        var units = new List<UnitKey>(byInput.GetValueOrDefault(input, []));
        foreach (var (unit, linked) in relinked)
        {
            var at = units.BinarySearch(unit);
            if (linked && at < 0)
            {
                units.Insert(~at, unit);
            }
            else if (!linked && at >= 0)
            {
                units.RemoveAt(at);
            }
        }

        if (units.Count == 0)
        {
            byInput.Remove(input);
        }
        else
        {
            byInput[input] = [.. units];
        }
    }
}
