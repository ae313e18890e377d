using System.Collections.Immutable;
using Smi.Abstractions.Model;

namespace Smi.Abstractions.Snapshot;

/// <summary>Computes the translation units of a snapshot and the inputs that feed each.</summary>
internal static class UnitIndex
{
    internal const string CoreV1 = "v1";
    internal const string SpecsApiVersion = "specs.smi-spec.io/v1alpha4";
    internal const string AccessApiVersion = "access.smi-spec.io/v1alpha4";

    public static ImmutableArray<TranslationUnit> Build(MeshSnapshot snapshot)
    {
        // Gathered in hash sets and sorted once at the end: the same units and inputs, in the same order, as sorted
        // sets would hold, without keeping every set sorted while tens of thousands of inputs go in.
        var units = new Dictionary<UnitKey, HashSet<ResourceRef>>();

        HashSet<ResourceRef> InputsOf(UnitKey key)
        {
            if (!units.TryGetValue(key, out var inputs))
            {
                inputs = new HashSet<ResourceRef>(OrderEquality.Instance);
                units[key] = inputs;
            }

            return inputs;
        }

        foreach (var split in snapshot.Splits)
        {
            InputsOf(SplitUnit(split)).UnionWith(SplitInputs(split));
        }

        foreach (var grant in snapshot.AccessGrants)
        {
            InputsOf(UnitKey.ForDestination(grant.Destination)).UnionWith(DestinationInputs(snapshot, grant));
            InputsOf(UnitKey.ForNamespace(grant.Namespace)).UnionWith(GrantNamespaceInputs(grant));
            InputsOf(UnitKey.Mesh).Add(grant.Source);
        }

        // SMI denies by default in every namespace, not only those with TrafficTargets: a namespace that has
        // workloads, or that the input (or the controller's watch) holds, is a unit of its own for the deny-all.
        foreach (var ns in DenyNamespaces(snapshot))
        {
            InputsOf(UnitKey.ForNamespace(ns)).UnionWith(DenyInputs(snapshot, ns));
        }

        return [.. units.OrderBy(u => u.Key).Select(u => new TranslationUnit(u.Key, [.. u.Value.Order()]))];
    }

    public static ImmutableDictionary<ResourceRef, ImmutableArray<UnitKey>> Invert(
        ImmutableArray<TranslationUnit> units)
    {
        var byInput = new Dictionary<ResourceRef, List<UnitKey>>();
        foreach (var unit in units)
        {
            foreach (var input in unit.Inputs)
            {
                if (!byInput.TryGetValue(input, out var keys))
                {
                    keys = [];
                    byInput[input] = keys;
                }

                keys.Add(unit.Key);
            }
        }

        return byInput.ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutableArray());
    }

    /// <summary>
    /// The namespaces a default deny covers: those with workloads or TrafficTargets, and those the snapshot holds
    /// as Namespace objects (the controller's watched namespaces), sorted.
    /// </summary>
    public static SortedSet<string> DenyNamespaces(MeshSnapshot snapshot) =>
        new(
            snapshot.Workloads.Select(w => w.Ref.Namespace ?? string.Empty)
                .Concat(snapshot.AccessGrants.Select(g => g.Namespace))
                .Concat(snapshot.Namespaces.Select(n => n.Name))
                .Where(n => n.Length > 0),
            StringComparer.Ordinal);

    /// <summary>The unit of a TrafficSplit: its root Service.</summary>
    public static UnitKey SplitUnit(SplitRule split) => UnitKey.ForSplitRoot(split.Namespace, split.RootService);

    /// <summary>What a TrafficSplit's unit reads for it: the split, its Services and route groups.</summary>
    public static IEnumerable<ResourceRef> SplitInputs(SplitRule split)
    {
        yield return split.Source;
        yield return ServiceRef(split.Namespace, split.RootService);
        foreach (var backend in split.Backends)
        {
            yield return ServiceRef(split.Namespace, backend.Service);
        }

        foreach (var group in split.RouteGroups)
        {
            yield return new ResourceRef(SpecsApiVersion, "HTTPRouteGroup", split.Namespace, group.Name);
        }
    }

    /// <summary>
    /// What a TrafficTarget's destination unit reads for it: the grant, its routes and IdentityBindings, and the
    /// workloads and Services of the destination namespace, from which selectors are built.
    /// </summary>
    public static IEnumerable<ResourceRef> DestinationInputs(MeshSnapshot snapshot, AccessGrant grant)
    {
        yield return grant.Source;
        foreach (var rule in grant.Rules)
        {
            var kind = rule.Kind switch
            {
                AccessRuleKind.HttpRouteGroup => "HTTPRouteGroup",
                AccessRuleKind.TcpRoute => "TCPRoute",
                _ => "UDPRoute",
            };
            yield return new ResourceRef(SpecsApiVersion, kind, grant.Namespace, rule.Name);
        }

        foreach (var identity in grant.Sources.Append(grant.Destination)
            .Where(i => i.Kind == IdentityKind.IdentityBinding))
        {
            yield return new ResourceRef(AccessApiVersion, "IdentityBinding", identity.Namespace, identity.Name);
        }

        foreach (var workload in snapshot.WorkloadsIn(grant.Destination.Namespace))
        {
            yield return workload.Ref;
        }

        foreach (var service in snapshot.ServicesIn(grant.Destination.Namespace))
        {
            yield return service.Ref;
        }
    }

    /// <summary>What a TrafficTarget's namespace unit reads for it: the grant and its Namespace.</summary>
    public static IEnumerable<ResourceRef> GrantNamespaceInputs(AccessGrant grant) =>
        [grant.Source, NamespaceRef(grant.Namespace)];

    /// <summary>What a namespace's default deny reads: the Namespace and its workloads.</summary>
    public static IEnumerable<ResourceRef> DenyInputs(MeshSnapshot snapshot, string ns) =>
        snapshot.WorkloadsIn(ns).Select(w => w.Ref).Prepend(NamespaceRef(ns));

    private static ResourceRef NamespaceRef(string ns) => new(CoreV1, "Namespace", null, ns);

    private static ResourceRef ServiceRef(string ns, string name) => new(CoreV1, "Service", ns, name);

    /// <summary>
    /// Equality as <see cref="ResourceRef.CompareTo"/> orders: the sets hold what sorted sets of references would
    /// (which also take a missing namespace for an empty one).
    /// </summary>
    private sealed class OrderEquality : IEqualityComparer<ResourceRef>
    {
        public static OrderEquality Instance { get; } = new();

        public bool Equals(ResourceRef? x, ResourceRef? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.CompareTo(y) == 0);

        public int GetHashCode(ResourceRef obj)
        {
            var slash = obj.ApiVersion.IndexOf('/', StringComparison.Ordinal);
            var group = slash >= 0 ? obj.ApiVersion.AsSpan(0, slash) : [];
            return HashCode.Combine(string.GetHashCode(group), obj.Kind, obj.Namespace ?? string.Empty, obj.Name);
        }
    }
}
