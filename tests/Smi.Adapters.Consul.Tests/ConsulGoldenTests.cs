using Smi.Abstractions.Serialization;
using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Adapters.Consul.Tests;

public class ConsulGoldenTests
{
    public static TheoryData<string> Cases => GoldenCases.Names();

    internal static ConsulTranslator Translator(
        ConsulNamespaces namespaces = ConsulNamespaces.None, bool defaultDeny = false) =>
        new(new TranslationOptions { DefaultDeny = defaultDeny }, new ConsulOptions { Namespaces = namespaces });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translation_MatchesGoldenFiles(string caseName) =>
        GoldenTranslation.AssertMatches(Translator(), caseName);

    [Theory]
    [InlineData("consul-namespace-collision")]
    [InlineData("consul-access-merged-targets")]
    [InlineData("consul-access-source-collision")]
    [InlineData("access-name-collisions")]
    public void MirroredNamespacesAndDefaultDeny_MatchGoldenFiles(string caseName)
    {
        var snapshot = GoldenTranslation.LoadSnapshot(caseName);
        var result = Translator(ConsulNamespaces.Mirror, defaultDeny: true).Translate(snapshot);
        var folder = GoldenCases.Folder(caseName);
        GoldenFile.AssertMatches(
            Path.Combine(folder, "consul-mirror-deny.yaml"),
            ManifestWriter.ToYaml(result.Resources.Select(r => r.ToJson())));
        GoldenFile.AssertMatches(
            Path.Combine(folder, "consul-mirror-deny.diagnostics.txt"),
            GoldenTranslation.FormatDiagnostics(result.Diagnostics));
    }
}
