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
        var units = new SortedDictionary<UnitKey, SortedSet<ResourceRef>>();

        SortedSet<ResourceRef> InputsOf(UnitKey key)
        {
            if (!units.TryGetValue(key, out var inputs))
            {
                inputs = [];
                units[key] = inputs;
            }

            return inputs;
        }

        foreach (var split in snapshot.Splits)
        {
            var inputs = InputsOf(UnitKey.ForSplitRoot(split.Namespace, split.RootService));
            inputs.Add(split.Source);
            inputs.Add(ServiceRef(split.Namespace, split.RootService));
            foreach (var backend in split.Backends)
            {
                inputs.Add(ServiceRef(split.Namespace, backend.Service));
            }

            foreach (var group in split.RouteGroups)
            {
                inputs.Add(new ResourceRef(SpecsApiVersion, "HTTPRouteGroup", split.Namespace, group.Name));
            }
        }

        foreach (var grant in snapshot.AccessGrants)
        {
            var inputs = InputsOf(UnitKey.ForDestination(grant.Destination));
            inputs.Add(grant.Source);
            foreach (var rule in grant.Rules)
            {
                var kind = rule.Kind switch
                {
                    AccessRuleKind.HttpRouteGroup => "HTTPRouteGroup",
                    AccessRuleKind.TcpRoute => "TCPRoute",
                    _ => "UDPRoute",
                };
                inputs.Add(new ResourceRef(SpecsApiVersion, kind, grant.Namespace, rule.Name));
            }

            foreach (var identity in grant.Sources.Append(grant.Destination)
                .Where(i => i.Kind == IdentityKind.IdentityBinding))
            {
                inputs.Add(new ResourceRef(AccessApiVersion, "IdentityBinding", identity.Namespace, identity.Name));
            }

            // Selectors are built from the destination namespace's workloads and the Services that pick them.
            foreach (var workload in snapshot.WorkloadsIn(grant.Destination.Namespace))
            {
                inputs.Add(workload.Ref);
            }

            foreach (var service in snapshot.ServicesIn(grant.Destination.Namespace))
            {
                inputs.Add(service.Ref);
            }

            var namespaceInputs = InputsOf(UnitKey.ForNamespace(grant.Namespace));
            namespaceInputs.Add(grant.Source);
            namespaceInputs.Add(new ResourceRef(CoreV1, "Namespace", null, grant.Namespace));
            InputsOf(UnitKey.Mesh).Add(grant.Source);
        }

        // SMI denies by default in every namespace, not only those with TrafficTargets: a namespace that has
        // workloads, or that the input (or the controller's watch) holds, is a unit of its own for the deny-all.
        foreach (var ns in DenyNamespaces(snapshot))
        {
            var inputs = InputsOf(UnitKey.ForNamespace(ns));
            inputs.Add(new ResourceRef(CoreV1, "Namespace", null, ns));
            foreach (var workload in snapshot.WorkloadsIn(ns))
            {
                inputs.Add(workload.Ref);
            }
        }

        return [.. units.Select(u => new TranslationUnit(u.Key, [.. u.Value]))];
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

    private static ResourceRef ServiceRef(string ns, string name) => new(CoreV1, "Service", ns, name);
}
