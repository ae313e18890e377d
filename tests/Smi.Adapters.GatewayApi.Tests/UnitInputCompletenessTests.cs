using System.Collections.Immutable;
using System.Text.RegularExpressions;
using CsCheck;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Consul;
using Smi.Testing;

namespace Smi.Adapters.GatewayApi.Tests;

/// <summary>
/// A unit's listed inputs are everything its translation reads: when one object that is an input of the unit neither
/// before nor after is added, removed or replaced, the unit translates to the same resources with the same diagnostics
/// about its inputs, for every adapter. The controller relies on it twice: a change re-translates only the units of
/// the changed objects, and a resync skips a unit whose inputs kept their fingerprints. A read the list misses would
/// leave a unit stale until something it lists changes. Consul is not checked: its intentions name sources by the
/// Consul service of their workloads, in the sources' namespaces, and without Consul namespaces a service name is one
/// scope over every namespace; neither is listed, and the controller looks at every Consul unit on every change.
/// </summary>
public sealed partial class UnitInputCompletenessTests
{
    private static readonly string Seed = PropertySeed.Or("0UnitInp7q2K");

    /// <summary>How the second fleet differs from the first.</summary>
    private enum Edit
    {
        Add,
        Remove,
        Replace,
    }

    [Fact]
    public void ObjectOutsideAUnitsInputs_ChangesNothingOfItsTranslation()
    {
        var edits = Gen.Select(
            RandomFleetDocuments.Fleet, Gen.Enum<Edit>(), Gen.Int[0, 17], RandomFleetDocuments.Document);
        edits.Sample(
            (fleet, edit, at, document) =>
            {
                // One object per reference, as in a cluster: the last document of a reference stands for it, and an
                // added document whose reference exists updates that object.
                var documents = fleet.GroupBy(RefOf).Select(g => g.Last()).ToList();
                var position = at % documents.Count;
                var after = documents.ToList();
                var changed = new List<string>();
                if (edit != Edit.Add)
                {
                    changed.Add(after[position]);
                    after.RemoveAt(position);
                }

                if (edit != Edit.Remove)
                {
                    changed.Add(document);
                    var existing = after.FindIndex(d => RefOf(d) == RefOf(document));
                    if (existing >= 0)
                    {
                        changed.Add(after[existing]);
                        after[existing] = document;
                    }
                    else
                    {
                        after.Add(document);
                    }
                }

                if (Compare([.. documents], [.. after], [.. changed]) is { } failure)
                {
                    throw new InvalidOperationException(failure);
                }
            },
            seed: Seed,
            iter: 400,
            threads: 1,
            print: t => $"{t.Item2} at {t.Item3 % t.Item1.Length}: {t.Item4}\nfleet:\n{string.Join("---\n", t.Item1)}");
    }

    [Fact]
    public void UnitLeftAlone_IsFound()
    {
        // A TrafficTarget becomes valid when its route is created; the namespace's deny-all then names it. The pass
        // takes the namespace unit only because its list of inputs changed: leaving it alone must show.
        string[] before =
        [
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n",
            "apiVersion: access.smi-spec.io/v1alpha4\nkind: TrafficTarget\nmetadata: {name: t, namespace: a}\n"
            + "spec:\n  destination: {kind: ServiceAccount, name: x, namespace: a}\n"
            + "  rules:\n  - {kind: TCPRoute, name: r}\n"
            + "  sources:\n  - {kind: ServiceAccount, name: y, namespace: a}\n",
        ];
        var route = "apiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRoute\nmetadata: {name: r, namespace: a}\n"
            + "spec: {}\n";
        string[] after = [.. before, route];

        Assert.Null(Compare(before, after, [route]));
        var failure = Compare(before, after, [route], forget: UnitKey.ForNamespace("a"));
        Assert.NotNull(failure);
        Assert.Contains("smi-default-deny", failure, StringComparison.Ordinal);
    }

    /// <summary>
    /// Compares every unit a change pass of the controller leaves alone after the edit, the first difference or null.
    /// The pass takes the units that list a changed object, before or after, and those whose list of inputs the
    /// incremental index changed (an object a unit lists can become valid or invalid through one it does not list, as
    /// a TrafficTarget through its routes). <paramref name="forget"/> is left alone as well, as if the pass missed it.
    /// An output several units want (as a Consul ServiceDefaults) belongs to one of them; when a unit of the pass takes
    /// it or lets it go, the controller hands it over (it adopts a pruned output from a translation of the whole
    /// fleet), so such outputs are left out of the comparison of the others.
    /// </summary>
    private static string? Compare(string[] before, string[] after, string[] changed, UnitKey? forget = null)
    {
        var changedRefs = changed.SelectMany(Entries).Select(e => e.Ref).ToHashSet();
        var wholeBefore = Snapshot(before);
        var wholeAfter = Snapshot(after);
        var index = new IncrementalUnitIndex();
        index.Rebuild(wholeBefore);
        var unitsBefore = index.Units;
        var byInputBefore = index.UnitsByInput;
        index.Update(wholeAfter, changedRefs);
        var unitsAfter = index.Units;
        ImmutableArray<ResourceRef> InputsOf(ImmutableSortedDictionary<UnitKey, TranslationUnit> units, UnitKey key) =>
            units.TryGetValue(key, out var unit) ? unit.Inputs : [];
        var touched = changedRefs
            .SelectMany(r => byInputBefore.GetValueOrDefault(r, []).Concat(index.UnitsByInput.GetValueOrDefault(r, [])))
            .Concat(index.UnitsWithChangedInputs)
            .Where(key => key != forget)
            .ToHashSet();
        var kept = unitsBefore.Keys.Where(key => !touched.Contains(key)).ToList();

        // The status of an object is written when one of its units is reconciled: only objects all of whose units
        // were left alone must keep their diagnostics.
        var reported = touched.SelectMany(key => InputsOf(unitsBefore, key).Concat(InputsOf(unitsAfter, key)))
            .ToHashSet();
        var unreported = kept.SelectMany(key => InputsOf(unitsBefore, key).Concat(InputsOf(unitsAfter, key)))
            .Where(input => !reported.Contains(input)).ToHashSet();
        if (About(wholeBefore.Diagnostics, unreported) is var b && About(wholeAfter.Diagnostics, unreported) is var a
            && a != b)
        {
            return $"diagnostics about inputs of units left alone differ\nbefore:\n{b}\nafter:\n{a}";
        }

        foreach (var translator in UnitTranslators.All().Where(t => t.Mesh != ConsulTranslator.MeshName))
        {
            var resultBefore = translator.Translate(wholeBefore);
            var resultAfter = translator.Translate(wholeAfter);
            var handedOver = resultBefore.Resources.Concat(resultAfter.Resources)
                .Where(r => touched.Contains(r.Unit)).Select(r => r.Ref).ToHashSet();
            foreach (var key in kept)
            {
                var expectedYaml = Serialized(resultBefore, key, handedOver);
                var actualYaml = Serialized(resultAfter, key, handedOver);
                if (expectedYaml != actualYaml)
                {
                    return $"{translator.Mesh} {key}: resources differ\nbefore:\n{expectedYaml}\nafter:\n{actualYaml}";
                }

            }

            var expectedDiagnostics = About(resultBefore.Diagnostics, unreported);
            var actualDiagnostics = About(resultAfter.Diagnostics, unreported);
            if (expectedDiagnostics != actualDiagnostics)
            {
                return $"{translator.Mesh}: diagnostics about inputs of units left alone differ\nbefore:\n"
                    + $"{expectedDiagnostics}\nafter:\n{actualDiagnostics}";
            }
        }

        return null;
    }

    private static MeshSnapshot Snapshot(string[] documents)
    {
        var builder = new SnapshotBuilder();
        foreach (var entry in Entries(string.Join("---\n", documents)))
        {
            builder.Add(entry);
        }

        return builder.Build();
    }

    private static ResourceRef RefOf(string document) => Entries(document).Single().Ref;

    private static IEnumerable<SnapshotEntry> Entries(string yaml) =>
        new ManifestLoader().LoadText(yaml, "input.yaml").Objects
            .Select(o => SnapshotEntry.From(o.Resource, o.Location)).OfType<SnapshotEntry>();

    private static string Serialized(TranslationResult result, UnitKey unit, HashSet<ResourceRef> leftOut)
    {
        var resources = result.Resources.Where(r => r.Unit == unit && !leftOut.Contains(r.Ref)).ToList();
        return ManifestWriter.ToYaml(resources.Select(r => r.ToJson()));
    }

    /// <summary>The diagnostics about the inputs, without their lines: an edit moves the documents after it.</summary>
    private static string About(IEnumerable<Diagnostic> diagnostics, HashSet<ResourceRef> inputs) =>
        Location().Replace(
            GoldenTranslation.FormatDiagnostics(diagnostics.Where(d => d.Object is { } o && inputs.Contains(o))),
            string.Empty);

    [GeneratedRegex(@" \(input\.yaml:\d+\)$", RegexOptions.Multiline)]
    private static partial Regex Location();
}
