using System.Collections.Immutable;
using CsCheck;
using k8s.Models;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Abstractions.Tests.Snapshot;

/// <summary>
/// Random small fleets changed by random sequences of adds, updates and deletes: after each batch, the index kept up
/// to date from the changed objects alone equals the index computed from scratch over the same objects.
/// </summary>
public sealed class IncrementalUnitIndexPropertyTests
{
    private static readonly string Seed = PropertySeed.Or("0Qm2bPZ8cT1d");
    private static readonly string[] Namespaces = ["a", "b", "c"];
    private static readonly string[] Names = ["x", "y", "z"];

    /// <summary>One change: an object put (added or replaced) or, with no object, deleted.</summary>
    private sealed record Change(ResourceRef Ref, object? Object)
    {
        public override string ToString() => Object is null ? $"delete {Ref}" : $"put {Ref}: {Describe(Object)}";
    }

    private static readonly Gen<string> NsGen = Gen.OneOf(Namespaces);
    private static readonly Gen<string> NameGen = Gen.OneOf(Names);

    private static readonly Gen<IdentityRef> IdentityGen = Gen.Select(
        Gen.Bool, NameGen, NsGen,
        (binding, name, ns) => new IdentityRef(
            binding ? IdentityKind.IdentityBinding : IdentityKind.ServiceAccount, name, ns));

    private static readonly Gen<Change> PutGen = Gen.OneOf(
        Gen.Select(NsGen, NameGen, NameGen, NameGen.Array[1, 2], Gen.Bool, (ns, name, root, backends, matches) =>
            Put(new SplitRule(
                Ref("split.smi-spec.io/v1alpha4", "TrafficSplit", ns, name),
                root,
                [.. backends.Select((b, i) => new SplitBackend(b, i + 1))],
                matches ? [new RouteGroupRef("HTTPRouteGroup", root)] : []))),
        // Mostly valid destinations (in the TrafficTarget's namespace); sources, and so the IdentityBindings that
        // make a TrafficTarget valid, from any namespace.
        Gen.Select(NsGen, NameGen, IdentityGen, Gen.Int[0, 4], IdentityGen.Array[0, 2], NameGen,
            (ns, name, dest, elsewhere, sources, rule) => Put(new AccessGrant(
                Ref("access.smi-spec.io/v1alpha4", "TrafficTarget", ns, name),
                elsewhere == 0 ? dest : dest with { Namespace = ns },
                null,
                [new AccessRule(AccessRuleKind.HttpRouteGroup, rule, [])],
                [.. sources]))),
        Gen.Select(NsGen, NameGen, (ns, name) => Put(new RouteGroup(
            Ref("specs.smi-spec.io/v1alpha4", "HTTPRouteGroup", ns, name),
            [new RouteMatch("all", "/.*", [], [])]))),
        Gen.Select(NsGen, NameGen, NameGen, (ns, name, account) => Put(new IdentityBindingRule(
            Ref("access.smi-spec.io/v1alpha4", "IdentityBinding", ns, name), account, null, []))),
        Gen.Select(NsGen, NameGen, NameGen, (ns, name, app) => Put(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = app },
                Ports = [new V1ServicePort { Port = 80 }],
            },
        })),
        Gen.Select(NsGen, NameGen, NameGen, (ns, name, account) => Put(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1DeploymentSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                    Spec = new V1PodSpec { ServiceAccountName = account, Containers = [] },
                },
            },
        })),
        NsGen.Select(ns => Put(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } })));

    [Fact]
    public void UpdatedFromChangedObjects_EqualsIndexBuiltFromScratch()
    {
        // A batch is 1 to 3 changes; a delete names an object the fleet may or may not hold.
        var changeGen = Gen.Frequency((3, PutGen), (1, PutGen.Select(c => c with { Object = null })));
        var fleets = Gen.Select(PutGen.Array[0, 12], changeGen.Array[1, 3].Array[1, 12], (initial, batches) =>
            (initial, batches));
        fleets.Sample(
            f =>
            {
                var objects = new Dictionary<ResourceRef, object>();
                Apply(objects, f.initial);
                var index = new IncrementalUnitIndex();
                index.Rebuild(Build(objects));
                Check(index, objects, "after the initial build");
                for (var i = 0; i < f.batches.Length; i++)
                {
                    var before = index.Units;
                    Apply(objects, f.batches[i]);
                    index.Update(Build(objects), f.batches[i].Select(c => c.Ref));
                    var when = $"after batch {i} ({string.Join("; ", f.batches[i].AsEnumerable())})";
                    Check(index, objects, when);
                    CheckUnitsWithChangedInputs(before, index, when);
                }
            },
            seed: Seed,
            iter: 1000,
            threads: 1,
            print: f => $"initial: {string.Join("; ", f.initial.AsEnumerable())}\nbatches: "
                + string.Join("\n  ", f.batches.Select(b => string.Join("; ", b.AsEnumerable()))));
    }

    [Fact]
    public void NamespaceChangedAfterBeingTakenAsANamer_StillBringsItsOwnNamers()
    {
        // a's TrafficTarget names b, c's names a. One batch changes b (which takes a, as its namer) and then a (whose
        // IdentityBinding makes c's TrafficTarget valid): c must be recomputed too.
        var objects = new Dictionary<ResourceRef, object>();
        Apply(objects, [
            Grant("c", "x", new IdentityRef(IdentityKind.ServiceAccount, "z", "c"), "z",
                new IdentityRef(IdentityKind.IdentityBinding, "x", "a")),
            Put(new RouteGroup(Ref("specs.smi-spec.io/v1alpha4", "HTTPRouteGroup", "c", "z"), [])),
            Grant("a", "z", new IdentityRef(IdentityKind.ServiceAccount, "y", "a"), "x",
                new IdentityRef(IdentityKind.IdentityBinding, "z", "b")),
        ]);
        var index = new IncrementalUnitIndex();
        index.Rebuild(Build(objects));
        Change[] batch =
        [
            Put(new RouteGroup(Ref("specs.smi-spec.io/v1alpha4", "HTTPRouteGroup", "b", "x"), [])),
            Put(new IdentityBindingRule(Ref("access.smi-spec.io/v1alpha4", "IdentityBinding", "a", "x"), "y", null, [])),
        ];
        Apply(objects, batch);
        index.Update(Build(objects), batch.Select(c => c.Ref));

        Check(index, objects, "after the batch");
        Assert.Contains(
            UnitKey.ForDestination(new IdentityRef(IdentityKind.ServiceAccount, "z", "c")), index.Units.Keys);
    }

    [Fact]
    public void WantedUnits_OfASnapshotAnsweredByTheIndexOrNot_AreItsUnitsOfTheKindThatAreWanted()
    {
        // Wanted keys of every kind, held by the fleet or not; the snapshot answers from the index, or from its own
        // units computed from scratch.
        var keyGen = Gen.OneOf(
            Gen.Select(NsGen, NameGen, UnitKey.ForSplitRoot),
            IdentityGen.Select(UnitKey.ForDestination),
            Gen.OneOf([.. Namespaces, "d"]).Select(UnitKey.ForNamespace),
            Gen.Const(UnitKey.Mesh));
        Gen.Select(PutGen.Array[0, 12], keyGen.Array[0, 8], Gen.Bool, (puts, wanted, indexed) => (puts, wanted, indexed))
            .Sample(
                f =>
                {
                    var objects = new Dictionary<ResourceRef, object>();
                    Apply(objects, f.puts);
                    var snapshot = Build(objects);
                    if (f.indexed)
                    {
                        new IncrementalUnitIndex().Rebuild(snapshot);
                    }

                    var keys = Build(objects).Units.Select(u => u.Key).ToList();
                    var filter = f.wanted.ToHashSet();
                    foreach (var kind in Enum.GetValues<UnitKind>())
                    {
                        var ofKind = keys.Where(k => k.Kind == kind).ToList();
                        Assert.Equal(ofKind, new TranslationOutput("test", null).WantedUnits(snapshot, kind));
                        Assert.Equal(
                            ofKind.Where(filter.Contains),
                            new TranslationOutput("test", filter).WantedUnits(snapshot, kind));
                    }
                },
                seed: Seed,
                iter: 500,
                threads: 1,
                print: f => $"indexed: {f.indexed}; wanted: {string.Join(", ", f.wanted.AsEnumerable())}; "
                    + $"objects: {string.Join("; ", f.puts.AsEnumerable())}");
    }

    private static Change Grant(string ns, string name, IdentityRef destination, string route, IdentityRef source) =>
        Put(new AccessGrant(
            Ref("access.smi-spec.io/v1alpha4", "TrafficTarget", ns, name),
            destination,
            null,
            [new AccessRule(AccessRuleKind.HttpRouteGroup, route, [])],
            [source]));

    [Fact]
    public void Snapshot_UpdatedByTheIndex_AnswersItsUnitsFromIt()
    {
        var objects = new Dictionary<ResourceRef, object>();
        var split = Put(new SplitRule(
            Ref("split.smi-spec.io/v1alpha4", "TrafficSplit", "a", "s"), "web", [new SplitBackend("web", 1)], []));
        var service = Put(new V1Service { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "a" } });
        Apply(objects, [split, service]);
        var index = new IncrementalUnitIndex();
        var snapshot = Build(objects);
        index.Rebuild(snapshot);

        Assert.Same(index.UnitsByInput, snapshot.UnitsByInput);
        Assert.Equal(UnitKey.ForSplitRoot("a", "web"), Assert.Single(snapshot.Units).Key);
    }

    private static void Apply(Dictionary<ResourceRef, object> objects, IEnumerable<Change> changes)
    {
        foreach (var change in changes)
        {
            if (change.Object is null)
            {
                objects.Remove(change.Ref);
            }
            else
            {
                objects[change.Ref] = change.Object;
            }
        }
    }

    private static MeshSnapshot Build(Dictionary<ResourceRef, object> objects)
    {
        var builder = new SnapshotBuilder();
        foreach (var item in objects.Values)
        {
            builder.Add(item);
        }

        return builder.Build();
    }

    private static void Check(IncrementalUnitIndex index, Dictionary<ResourceRef, object> objects, string when)
    {
        var expected = Build(objects);
        var units = index.Units.Values.ToList();
        if (units.Count != expected.Units.Length
            || units.Zip(expected.Units).Any(p => p.First.Key != p.Second.Key
                || !p.First.Inputs.SequenceEqual(p.Second.Inputs)))
        {
            throw new InvalidOperationException(
                $"units differ {when}:\n incremental: {Units(units)}\n from scratch: {Units(expected.Units)}");
        }

        var byInput = index.UnitsByInput;
        var wrong = expected.UnitsByInput
            .Where(p => !byInput.TryGetValue(p.Key, out var keys) || !keys.SequenceEqual(p.Value))
            .Select(p => p.Key)
            .Concat(byInput.Keys.Where(k => !expected.UnitsByInput.ContainsKey(k)))
            .ToList();
        if (wrong.Count > 0)
        {
            throw new InvalidOperationException($"units by input differ {when} for {string.Join(", ", wrong)}");
        }
    }

    /// <summary>The units the update says have a changed list of inputs are exactly those whose list changed.</summary>
    private static void CheckUnitsWithChangedInputs(
        ImmutableSortedDictionary<UnitKey, TranslationUnit> before, IncrementalUnitIndex index, string when)
    {
        var after = index.Units;
        var expected = before.Keys.Union(after.Keys)
            .Where(key => !before.TryGetValue(key, out var was) || !after.TryGetValue(key, out var now)
                || !was.Inputs.SequenceEqual(now.Inputs))
            .ToHashSet();
        if (!expected.SetEquals(index.UnitsWithChangedInputs))
        {
            throw new InvalidOperationException(
                $"units with changed inputs differ {when}: expected {string.Join(", ", expected.Order())}, "
                + $"told {string.Join(", ", index.UnitsWithChangedInputs.Order())}");
        }
    }

    private static string Units(IEnumerable<TranslationUnit> units) =>
        string.Join(" | ", units.Select(u => $"{u.Key}: {string.Join(",", u.Inputs)}"));

    private static Change Put(object resource) => new(Identify(resource), resource);

    private static ResourceRef Identify(object resource) => resource switch
    {
        SplitRule s => s.Source,
        AccessGrant g => g.Source,
        RouteGroup g => g.Source,
        IdentityBindingRule b => b.Source,
        V1Service s => Ref("v1", "Service", s.Metadata.NamespaceProperty, s.Metadata.Name),
        V1Deployment d => Ref("apps/v1", "Deployment", d.Metadata.NamespaceProperty, d.Metadata.Name),
        V1Namespace n => Ref("v1", "Namespace", null, n.Metadata.Name),
        _ => throw new ArgumentException(resource.GetType().Name, nameof(resource)),
    };

    private static string Describe(object resource) => resource switch
    {
        SplitRule s => $"root {s.RootService}, backends {string.Join(",", s.Backends.Select(b => b.Service))}"
            + (s.HasMatches ? ", matches" : string.Empty),
        AccessGrant g => $"to {g.Destination.Kind}/{g.Destination.Namespace}/{g.Destination.Name} from "
            + string.Join(",", g.Sources.Select(i => $"{i.Kind}/{i.Namespace}/{i.Name}"))
            + $" by {string.Join(",", g.Rules.Select(r => $"{r.Kind}/{r.Name}"))}",
        IdentityBindingRule b => $"account {b.ServiceAccount}",
        V1Service s => $"selects app={s.Spec.Selector["app"]}",
        V1Deployment d => $"account {d.Spec.Template.Spec.ServiceAccountName}",
        _ => string.Empty,
    };

    private static ResourceRef Ref(string apiVersion, string kind, string? ns, string name) =>
        new(apiVersion, kind, ns, name);
}
