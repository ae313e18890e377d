using CsCheck;
using Smi.Abstractions;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Testing;

namespace Smi.Adapters.GatewayApi.Tests;

/// <summary>
/// The snapshot of a whole fleet assembled from parts kept per namespace (<see cref="KeptFleetSnapshot"/>), built
/// again only where objects changed, equals the snapshot built from every object: the same objects in the same order,
/// valid and all, the same diagnostics and the same units, after every change of a random sequence of additions,
/// edits and deletions (and again with nothing changed), also when the changed namespaces' parts are taken from a
/// snapshot of what they read (<see cref="KeptFleetSnapshot.Keep"/>), and on every golden input.
/// </summary>
public sealed class KeptFleetSnapshotEquivalenceTests
{
    private static readonly string Seed = PropertySeed.Or("0KeptEq3p7Qx");

    public static TheoryData<string> Cases => GoldenCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenInput_KeptParts_EqualTheWholeSnapshot(string caseName)
    {
        var fleet = new Dictionary<ResourceRef, SnapshotEntry>();
        foreach (var entry in Entries(File.ReadAllText(Path.Combine(GoldenCases.Folder(caseName), "input.yaml"))))
        {
            fleet[entry.Ref] = entry;
        }

        var kept = new KeptFleetSnapshot();
        var first = Compare(kept, fleet, []);
        Assert.True(first is null, first);

        // Each namespace changed alone: its part and those of the namespaces naming it are built again.
        foreach (var ns in NamespacesOf(fleet))
        {
            var again = Compare(kept, fleet, [ns]);
            Assert.True(again is null, again);
        }
    }

    [Fact]
    public void RandomChanges_KeptParts_EqualTheWholeSnapshot()
    {
        // An object to add or replace (null: delete one, picked by the number).
        var document = RandomFleetDocuments.Document;
        var change = Gen.Select(
            Gen.Frequency((3, document.Select(d => (string?)d)), (1, Gen.Const((string?)null))), Gen.Int[0, 99]);
        change.Array[1, 30].Sample(
            changes =>
            {
                var fleet = new Dictionary<ResourceRef, SnapshotEntry>();
                var kept = new KeptFleetSnapshot();
                for (var i = 0; i < changes.Length; i++)
                {
                    var (document, pick) = changes[i];
                    var touched = new List<ResourceRef>();
                    if (document is null)
                    {
                        if (fleet.Count > 0)
                        {
                            var gone = fleet.Keys.Order().ElementAt(pick % fleet.Count);
                            fleet.Remove(gone);
                            touched.Add(gone);
                        }
                    }
                    else
                    {
                        foreach (var entry in Entries(document))
                        {
                            fleet[entry.Ref] = entry;
                            touched.Add(entry.Ref);
                        }
                    }

                    var changed = touched.Select(SnapshotScope.NamespaceOf).ToHashSet(StringComparer.Ordinal);
                    if (pick % 3 == 0)
                    {
                        // The changed namespaces' parts taken from a snapshot of what they read, as a change pass
                        // builds it; the build after it is told of no change.
                        var entriesIn = EntriesIn(fleet);
                        var scoped = SnapshotScope.Build(SnapshotScope.Namespaces(changed, entriesIn), entriesIn);
                        kept.Keep(scoped, changed, entriesIn);
                        changed.Clear();
                    }

                    // Built again with nothing changed, it is the same again (its parts and lookups taken as they are).
                    if ((Compare(kept, fleet, changed) ?? Compare(kept, fleet, [])) is { } failure)
                    {
                        throw new InvalidOperationException($"after change {i}: {failure}");
                    }
                }
            },
            seed: Seed,
            iter: 200,
            threads: 1,
            print: changes => string.Join("\n", changes.Select(c => c.Item1 is null ? $"delete #{c.Item2}" : c.Item1)));
    }

    /// <summary>Builds the kept snapshot and the one from every object; the first difference, or null.</summary>
    private static string? Compare(
        KeptFleetSnapshot kept, Dictionary<ResourceRef, SnapshotEntry> fleet, IEnumerable<string> changed)
    {
        var assembled = kept.Build(NamespacesOf(fleet), changed, EntriesIn(fleet));
        var builder = new SnapshotBuilder();
        foreach (var entry in fleet.Values)
        {
            builder.Add(entry);
        }

        var fresh = builder.Build();
        return Differs("splits", fresh.Splits, assembled.Splits)
            ?? Differs("access grants", fresh.AccessGrants, assembled.AccessGrants)
            ?? Differs("route groups", fresh.RouteGroups, assembled.RouteGroups)
            ?? Differs("port routes", fresh.PortRoutes, assembled.PortRoutes)
            ?? Differs("identity bindings", fresh.IdentityBindings, assembled.IdentityBindings)
            ?? Differs("services", fresh.Services, assembled.Services)
            ?? Differs("workloads", fresh.Workloads, assembled.Workloads)
            ?? Differs("namespaces", fresh.Namespaces, assembled.Namespaces)
            ?? Differs("diagnostics", fresh.Diagnostics, assembled.Diagnostics)
            ?? Differs(
                "units",
                fresh.Units.Select(u => $"{u.Key}: {string.Join(", ", u.Inputs)}"),
                assembled.Units.Select(u => $"{u.Key}: {string.Join(", ", u.Inputs)}"));
    }

    private static string? Differs<T>(string what, IEnumerable<T> expected, IEnumerable<T> actual)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        return e.SequenceEqual(a)
            ? null
            : $"{what} differ\nfresh:\n{string.Join("\n", e)}\nkept:\n{string.Join("\n", a)}";
    }

    private static Func<string, IEnumerable<SnapshotEntry>> EntriesIn(Dictionary<ResourceRef, SnapshotEntry> fleet)
    {
        var byNamespace = fleet.Values.ToLookup(e => SnapshotScope.NamespaceOf(e.Ref), StringComparer.Ordinal);
        return ns => byNamespace[ns];
    }

    private static List<string> NamespacesOf(Dictionary<ResourceRef, SnapshotEntry> fleet) =>
        [.. fleet.Keys.Select(SnapshotScope.NamespaceOf).Distinct(StringComparer.Ordinal)];

    private static IEnumerable<SnapshotEntry> Entries(string yaml) =>
        new ManifestLoader().LoadText(yaml, "input.yaml").Objects
            .Select(o => SnapshotEntry.From(o.Resource, o.Location)).OfType<SnapshotEntry>();
}
