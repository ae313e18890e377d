using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Adapters.Linkerd.Tests;

public class LinkerdPurityTests
{
    public static TheoryData<string> Cases => GoldenCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void TranslatingTwice_GivesIdenticalYaml(string caseName)
    {
        var snapshot = GoldenTranslation.LoadSnapshot(caseName);
        Assert.Equal(Yaml(LinkerdGoldenTests.DefaultTranslator().Translate(snapshot)), Yaml(LinkerdGoldenTests.DefaultTranslator().Translate(snapshot)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnitsFilter_GivesExactlyTheSubset(string caseName)
    {
        var snapshot = GoldenTranslation.LoadSnapshot(caseName);
        var translator = new LinkerdTranslator(new TranslationOptions { DefaultDeny = true }, new LinkerdOptions());
        var full = translator.Translate(snapshot);
        foreach (var unit in snapshot.Units.Select(u => u.Key))
        {
            var only = translator.Translate(snapshot, new HashSet<UnitKey> { unit });
            Assert.All(only.Resources, r => Assert.Equal(unit, r.Unit));
            Assert.Equal(Yaml(full.Resources.Where(r => r.Unit == unit)), Yaml(only.Resources));
            Assert.True(only.Diagnostics.All(full.Diagnostics.Contains));
        }

        var all = translator.Translate(snapshot, snapshot.Units.Select(u => u.Key).ToHashSet());
        Assert.Equal(Yaml(full), Yaml(all));
        Assert.Equal(full.Diagnostics.AsEnumerable(), all.Diagnostics.AsEnumerable());
    }

    private static string Yaml(TranslationResult result) => Yaml(result.Resources);

    private static string Yaml(IEnumerable<GeneratedResource> resources) => ManifestWriter.ToYaml(resources.Select(r => r.ToJson()));
}
