using Smi.Abstractions.Serialization;
using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Adapters.Linkerd.Tests;

/// <summary>Option variants, golden-checked on the cases where they change the output.</summary>
public class LinkerdOptionGoldenTests
{
    public static TheoryData<string, string> Variants => new()
    {
        { "canary-basic", "policy-v1beta3" },
        { "ab-headers", "policy-v1beta3" },
        { "linkerd-ab-many-methods", "policy-v1beta3" },
        { "linkerd-access-mixed-l4-http", "policy-v1beta3" },
        { "canary-basic", "service-profile" },
        { "ab-headers", "service-profile" },
        { "shop-example", "service-profile" },
        { "linkerd-ab-and-canary", "service-profile" },
        { "linkerd-weights-scaled", "service-profile" },
        { "linkerd-three-way-split", "service-profile" },
        { "linkerd-default-deny", "default-deny" },
        { "shop-example", "default-deny" },
    };

    internal static LinkerdTranslator TranslatorFor(string variant)
    {
        var shared = new TranslationOptions { DefaultDeny = variant == "default-deny" };
        var options = new LinkerdOptions
        {
            RouteApi = variant == "policy-v1beta3" ? LinkerdRouteApi.PolicyV1Beta3 : LinkerdRouteApi.GatewayApiV1,
            ServiceProfile = variant == "service-profile",
        };
        return new LinkerdTranslator(shared, options);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_MatchesGoldenFiles(string caseName, string variant)
    {
        var result = TranslatorFor(variant).Translate(GoldenTranslation.LoadSnapshot(caseName));
        var folder = GoldenCases.Folder(caseName);
        GoldenFile.AssertMatches(Path.Combine(folder, $"linkerd.{variant}.yaml"), ManifestWriter.ToYaml(result.Resources.Select(r => r.ToJson())));
        GoldenFile.AssertMatches(Path.Combine(folder, $"linkerd.{variant}.diagnostics.txt"), GoldenTranslation.FormatDiagnostics(result.Diagnostics));
    }
}
