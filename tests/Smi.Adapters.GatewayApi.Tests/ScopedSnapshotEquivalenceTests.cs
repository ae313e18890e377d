using CsCheck;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Adapters.GatewayApi.Tests;

/// <summary>
/// A unit translated on the snapshot of the namespaces it reads (<see cref="SnapshotScope"/>), as the controller's
/// change passes do, gives what it gives on the snapshot of the whole fleet: the same generated resources, serialized,
/// and the same diagnostics about its inputs, for every adapter and every unit, on every golden input and on random
/// fleets over a few namespaces. Consul is checked with Consul namespaces mirrored: with one Consul namespace its
/// service names are one scope over every namespace, and the controller gives it the whole fleet.
/// </summary>
public sealed class ScopedSnapshotEquivalenceTests
{
    private static readonly string Seed = PropertySeed.Or("0ScopeEq1x2Y");

    public static TheoryData<string> Cases => GoldenCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenInput_EachUnitOnItsScope_EqualsTheWholeSnapshot(string caseName)
    {
        var text = File.ReadAllText(Path.Combine(GoldenCases.Folder(caseName), "input.yaml"));
        var failure = Compare(text);
        Assert.True(failure is null, failure);
    }

    [Fact]
    public void RandomFleet_EachUnitOnItsScope_EqualsTheWholeSnapshot()
    {
        RandomFleetDocuments.Fleet.Sample(
            documents =>
            {
                if (Compare(string.Join("---\n", documents)) is { } failure)
                {
                    throw new InvalidOperationException(failure);
                }
            },
            seed: Seed,
            iter: 300,
            threads: 1,
            print: documents => string.Join("---\n", documents));
    }

    /// <summary>Compares every unit of every adapter; the first difference, or null.</summary>
    private static string? Compare(string yaml)
    {
        var loaded = new ManifestLoader().LoadText(yaml, "input.yaml");
        var entries = loaded.Objects.Select(o => SnapshotEntry.From(o.Resource, o.Location)).OfType<SnapshotEntry>()
            .ToList();
        var builder = new SnapshotBuilder();
        entries.ForEach(e => builder.Add(e));
        var whole = builder.Build();
        var index = new IncrementalUnitIndex();
        index.Rebuild(whole);
        var byNamespace = entries.ToLookup(e => SnapshotScope.NamespaceOf(e.Ref), StringComparer.Ordinal);
        IEnumerable<SnapshotEntry> EntriesIn(string ns) => byNamespace[ns];
        foreach (var unit in index.Units.Values)
        {
            var scope = SnapshotScope.Namespaces(unit.Inputs.Select(SnapshotScope.NamespaceOf), EntriesIn);
            var part = SnapshotScope.Build(scope, EntriesIn);
            index.Attach(part);
            var inputs = unit.Inputs.ToHashSet();
            var wholeInput = About(whole.Diagnostics, inputs);
            var partInput = About(part.Diagnostics, inputs);
            if (wholeInput != partInput)
            {
                return $"{unit.Key} on [{string.Join(",", scope)}]: input diagnostics differ\nwhole:\n{wholeInput}"
                    + $"\npart:\n{partInput}";
            }

            foreach (var translator in UnitTranslators.All())
            {
                var units = new HashSet<UnitKey> { unit.Key };
                var expected = translator.Translate(whole, units);
                var actual = translator.Translate(part, units);
                var expectedYaml = Serialized(expected);
                var actualYaml = Serialized(actual);
                if (expectedYaml != actualYaml)
                {
                    return $"{translator.Mesh} {unit.Key} on [{string.Join(",", scope)}]: resources differ\nwhole:\n"
                        + $"{expectedYaml}\npart:\n{actualYaml}";
                }

                var expectedDiagnostics = About(expected.Diagnostics, inputs);
                var actualDiagnostics = About(actual.Diagnostics, inputs);
                if (expectedDiagnostics != actualDiagnostics)
                {
                    return $"{translator.Mesh} {unit.Key} on [{string.Join(",", scope)}]: diagnostics differ\nwhole:\n"
                        + $"{expectedDiagnostics}\npart:\n{actualDiagnostics}";
                }
            }
        }

        return null;
    }

    private static string Serialized(TranslationResult result) =>
        ManifestWriter.ToYaml(result.Resources.Select(r => r.ToJson()))
        + string.Join("\n", result.Resources.Select(r => r.Unit.ToString()));

    private static string About(IEnumerable<Diagnostic> diagnostics, HashSet<ResourceRef> inputs) =>
        GoldenTranslation.FormatDiagnostics(diagnostics.Where(d => d.Object is null || inputs.Contains(d.Object)));

}
