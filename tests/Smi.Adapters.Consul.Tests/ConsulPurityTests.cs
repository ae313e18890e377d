using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Adapters.Consul.Tests;

public class ConsulPurityTests
{
    public static TheoryData<string> Cases => GoldenCases.Names();

    private static string Yaml(TranslationResult result) =>
        ManifestWriter.ToYaml(result.Resources.Select(r => r.ToJson()))
        + GoldenTranslation.FormatDiagnostics(result.Diagnostics);

    [Theory]
    [MemberData(nameof(Cases))]
    public void TranslatingTwice_GivesIdenticalOutput(string caseName)
    {
        var translator = ConsulGoldenTests.Translator(ConsulNamespaces.None, defaultDeny: true);
        var first = Yaml(translator.Translate(GoldenTranslation.LoadSnapshot(caseName)));
        var second = Yaml(translator.Translate(GoldenTranslation.LoadSnapshot(caseName)));
        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnitsFilter_GivesExactlyThatUnitsSubset(string caseName)
    {
        var translator = ConsulGoldenTests.Translator(ConsulNamespaces.None, defaultDeny: true);
        var snapshot = GoldenTranslation.LoadSnapshot(caseName);
        var full = translator.Translate(snapshot);
        var keys = snapshot.Units.Select(u => u.Key).Append(UnitKey.Mesh).Distinct().ToList();
        foreach (var unit in keys)
        {
            var subset = translator.Translate(snapshot, new HashSet<UnitKey> { unit });
            Assert.Equal(
                Yaml(TranslationResult.Sorted(full.Resources.Where(r => r.Unit == unit), [])),
                Yaml(TranslationResult.Sorted(subset.Resources, [])));
            Assert.All(subset.Resources, r => Assert.Equal(unit, r.Unit));
        }

        var all = keys.SelectMany(u => translator.Translate(snapshot, new HashSet<UnitKey> { u }).Diagnostics).ToList();
        Assert.Equal(full.Diagnostics.Length, all.Count);
        Assert.Equal(
            full.Resources.Length,
            keys.Sum(u => translator.Translate(snapshot, new HashSet<UnitKey> { u }).Resources.Length));
    }

    [Fact]
    public void EveryResource_CarriesGeneratedMetadata()
    {
        foreach (var caseName in GoldenCases.All())
        {
            var result = ConsulGoldenTests.Translator(defaultDeny: true)
                .Translate(GoldenTranslation.LoadSnapshot(caseName));
            Assert.All(result.Resources, r =>
            {
                Assert.Equal(
                    GeneratedMetadata.ManagedByValue, r.Object.Metadata.Labels[GeneratedMetadata.ManagedByLabel]);
                Assert.Equal("consul", r.Object.Metadata.Labels[GeneratedMetadata.MeshLabel]);
                Assert.Contains(GeneratedMetadata.SourcesAnnotation, r.Object.Metadata.Annotations.Keys);
            });
        }
    }
}
