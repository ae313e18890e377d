using Smi.Abstractions.Serialization;
using Smi.Testing;

namespace Smi.Adapters.Istio.Tests;

public class GoldenTests
{
    public static TheoryData<string> Cases => GoldenCases.Names();

    /// <summary>Option variants, each written next to the default output as <c>istio.&lt;variant&gt;.yaml</c>.</summary>
    public static TheoryData<string, string> Variants => new()
    {
        { "shop-example", "default-deny" },
        { "access-http-tcp", "default-deny" },
        { "istio-multi-namespace", "default-deny" },
        { "access-name-collisions", "default-deny" },
        { "access-named-ports-per-workload", "default-deny" },
        { "default-deny-namespace-without-targets", "default-deny" },
        { "canary-basic", "v1beta1" },
        { "shop-example", "v1beta1" },
        { "canary-basic", "domains" },
        { "access-http-tcp", "domains" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translation_MatchesGoldenFiles(string caseName) =>
        GoldenTranslation.AssertMatches(TestTranslators.Default(), caseName);

    [Theory]
    [MemberData(nameof(Variants))]
    public void OptionVariant_MatchesGoldenFiles(string caseName, string variant)
    {
        var translator = VariantTranslator(variant);
        var result = translator.Translate(GoldenTranslation.LoadSnapshot(caseName));
        var folder = GoldenCases.Folder(caseName);
        GoldenFile.AssertMatches(Path.Combine(folder, $"istio.{variant}.yaml"), ManifestWriter.ToYaml(result.Resources.Select(r => r.ToJson())));
        GoldenFile.AssertMatches(Path.Combine(folder, $"istio.{variant}.diagnostics.txt"), GoldenTranslation.FormatDiagnostics(result.Diagnostics));
    }

    internal static IstioTranslator VariantTranslator(string variant) => variant switch
    {
        "default-deny" => TestTranslators.With(o => o.DefaultDeny = true),
        "v1beta1" => TestTranslators.With(o => o.ApiVersion = IstioApiVersion.V1Beta1),
        "domains" => TestTranslators.With(o => { o.ClusterDomain = "prod.example"; o.TrustDomain = "example.org"; }),
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown variant"),
    };
}
