using System.Collections.Immutable;

namespace Smi.Abstractions.Snapshot;

/// <summary>
/// What one namespace adds to the unit index (<see cref="IncrementalUnitIndex"/>): the units of its TrafficSplits,
/// of its TrafficTargets and of its default deny, each with the inputs it feeds them, and the other namespaces its
/// TrafficTargets name, valid or not, whose changes can change what it adds.
/// </summary>
internal sealed class NamespaceContribution
{
    private NamespaceContribution(
        ImmutableArray<(UnitKey Unit, ImmutableArray<ResourceRef> Inputs)> units, ImmutableHashSet<string> names)
    {
        Units = units;
        Names = names;
    }

    /// <summary>Each unit this namespace feeds, with the inputs it feeds it (distinct).</summary>
    public ImmutableArray<(UnitKey Unit, ImmutableArray<ResourceRef> Inputs)> Units { get; }

    /// <summary>The other namespaces its TrafficTargets name.</summary>
    public ImmutableHashSet<string> Names { get; }

    /// <summary>Whether it adds nothing and depends on nothing.</summary>
    public bool IsEmpty => Units.IsEmpty && Names.IsEmpty;

    /// <summary>What <paramref name="ns"/> adds to the index of <paramref name="snapshot"/>.</summary>
    public static NamespaceContribution Of(MeshSnapshot snapshot, string ns)
    {
        var units = ImmutableArray.CreateBuilder<(UnitKey, ImmutableArray<ResourceRef>)>();
        foreach (var split in snapshot.SplitsIn(ns))
        {
            units.Add((UnitIndex.SplitUnit(split), Distinct(UnitIndex.SplitInputs(split))));
        }

        var grants = snapshot.AccessGrantsIn(ns).ToList();
        foreach (var grant in grants)
        {
            var destination = Distinct(UnitIndex.DestinationInputs(snapshot, grant));
            units.Add((UnitKey.ForDestination(grant.Destination), destination));
            units.Add((UnitKey.ForNamespace(grant.Namespace), Distinct(UnitIndex.GrantNamespaceInputs(grant))));
            units.Add((UnitKey.Mesh, [grant.Source]));
        }

        if (ns.Length > 0
            && (grants.Count > 0 || snapshot.WorkloadsIn(ns).Any() || snapshot.FindNamespace(ns) is not null))
        {
            units.Add((UnitKey.ForNamespace(ns), Distinct(UnitIndex.DenyInputs(snapshot, ns))));
        }

        // Named by any of its TrafficTargets, also one validation left out: a change there can make it valid.
        var names = snapshot.Unvalidated.AccessGrantsIn(ns)
            .SelectMany(g => g.Sources.Append(g.Destination).Select(i => i.Namespace))
            .Where(n => !string.Equals(n, ns, StringComparison.Ordinal))
            .ToImmutableHashSet(StringComparer.Ordinal);
        return new NamespaceContribution(units.ToImmutable(), names);
    }

    private static ImmutableArray<ResourceRef> Distinct(IEnumerable<ResourceRef> inputs) => [.. inputs.Distinct()];
}
