using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Adapters.GatewayApi.Tests;

public class GatewayApiPurityTests
{
    public static TheoryData<string> Cases => GoldenCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void TranslatingTwice_GivesIdenticalYaml(string caseName)
    {
        var snapshot = GoldenTranslation.LoadSnapshot(caseName);
        Assert.Equal(Yaml(GatewayApiGoldenTests.DefaultTranslator().Translate(snapshot)), Yaml(GatewayApiGoldenTests.DefaultTranslator().Translate(snapshot)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnitsFilter_GivesExactlyTheSubset(string caseName)
    {
        var snapshot = GoldenTranslation.LoadSnapshot(caseName);
        foreach (var variant in new[] { "tcp", "istio-default-deny", "linkerd-default-deny" })
        {
            var translator = GatewayApiOptionGoldenTests.TranslatorFor(variant);
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
            Assert.Empty(translator.Translate(snapshot, new HashSet<UnitKey>()).Resources);
        }
    }

    private static string Yaml(TranslationResult result) => Yaml(result.Resources);

    private static string Yaml(IEnumerable<GeneratedResource> resources) => ManifestWriter.ToYaml(resources.Select(r => r.ToJson()));
}
