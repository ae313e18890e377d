using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Testing;

namespace Smi.Adapters.Istio.Tests;

public class PurityTests
{
    public static TheoryData<string> Cases => GoldenCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void TranslatingTwice_GivesIdenticalYaml(string caseName)
    {
        var translator = TestTranslators.With(o => o.DefaultDeny = true);
        var first = translator.Translate(GoldenTranslation.LoadSnapshot(caseName));
        var second = translator.Translate(GoldenTranslation.LoadSnapshot(caseName));

        Assert.Equal(Yaml(first.Resources), Yaml(second.Resources));
        Assert.Equal(GoldenTranslation.FormatDiagnostics(first.Diagnostics), GoldenTranslation.FormatDiagnostics(second.Diagnostics));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnitsFilter_GivesExactlyTheSubset(string caseName)
    {
        var translator = TestTranslators.With(o => o.DefaultDeny = true);
        var snapshot = GoldenTranslation.LoadSnapshot(caseName);
        var all = translator.Translate(snapshot);

        var perUnitDiagnostics = new List<Abstractions.Diagnostics.Diagnostic>();
        foreach (var unit in snapshot.Units.Select(u => u.Key))
        {
            var only = translator.Translate(snapshot, new HashSet<UnitKey> { unit });
            Assert.All(only.Resources, r => Assert.Equal(unit, r.Unit));
            Assert.Equal(Yaml(all.Resources.Where(r => r.Unit == unit)), Yaml(only.Resources));
            Assert.All(only.Diagnostics, d => Assert.Contains(d, all.Diagnostics));
            perUnitDiagnostics.AddRange(only.Diagnostics);
        }

        Assert.Equal(all.Diagnostics.Length, perUnitDiagnostics.Distinct().Count());

        var none = translator.Translate(snapshot, new HashSet<UnitKey>());
        Assert.Empty(none.Resources);
        Assert.Empty(none.Diagnostics);

        var everyUnit = translator.Translate(snapshot, snapshot.Units.Select(u => u.Key).ToHashSet());
        Assert.Equal(Yaml(all.Resources), Yaml(everyUnit.Resources));
        Assert.Equal(GoldenTranslation.FormatDiagnostics(all.Diagnostics), GoldenTranslation.FormatDiagnostics(everyUnit.Diagnostics));
    }

    private static string Yaml(IEnumerable<Abstractions.Translation.GeneratedResource> resources) =>
        ManifestWriter.ToYaml(resources.Select(r => r.ToJson()));
}
