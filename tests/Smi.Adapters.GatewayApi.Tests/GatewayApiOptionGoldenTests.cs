using Smi.Abstractions.Serialization;
using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Adapters.GatewayApi.Tests;

/// <summary>Option variants, golden-checked on the cases where they change the output.</summary>
public class GatewayApiOptionGoldenTests
{
    /// <summary>Every variant name, for the CRD check.</summary>
    internal static readonly string[] AllVariants = ["v1.5", "v1.6", "tcp", "v1.6-tcp", "istio", "linkerd", "linkerd-default-deny", "istio-default-deny"];

    public static TheoryData<string, string> Variants => new()
    {
        { "gateway-api-ab-multi-port", "v1.5" },
        { "gateway-api-ab-multi-port", "v1.6" },
        { "ab-headers", "v1.5" },
        { "linkerd-ab-many-methods", "v1.5" },
        { "gateway-api-tcp-split", "tcp" },
        { "gateway-api-tcp-split", "v1.6-tcp" },
        { "gateway-api-limits", "tcp" },
        { "istio-tcp-only", "tcp" },
        { "gateway-api-access-delegated", "istio" },
        { "gateway-api-access-delegated", "linkerd" },
        { "gateway-api-access-delegated", "istio-default-deny" },
        { "gateway-api-access-delegated", "linkerd-default-deny" },
        { "shop-example", "istio" },
        { "shop-example", "linkerd" },
        { "access-http-tcp", "linkerd" },
        { "access-rule-matches-nothing", "istio" },
        { "access-rule-matches-nothing", "linkerd" },
        { "access-name-collisions", "istio-default-deny" },
        { "access-name-collisions", "linkerd" },
        { "access-named-ports-per-workload", "istio" },
        { "access-named-ports-per-workload", "linkerd" },
        { "access-identity-binding-subsets", "istio" },
        { "access-identity-binding-subsets", "linkerd" },
        { "default-deny-namespace-without-targets", "istio-default-deny" },
        { "default-deny-namespace-without-targets", "linkerd-default-deny" },
        { "access-opaque-ports", "linkerd" },
    };

    internal static GatewayApiTranslator TranslatorFor(string variant)
    {
        var shared = new TranslationOptions { DefaultDeny = variant.EndsWith("-default-deny", StringComparison.Ordinal) };
        var options = new GatewayApiOptions
        {
            Version = variant switch
            {
                "v1.5" => GatewayApiVersion.V1_5,
                "v1.6" or "v1.6-tcp" => GatewayApiVersion.V1_6,
                _ => GatewayApiVersion.V1_2,
            },
            TcpRoutes = variant is "tcp" or "v1.6-tcp",
            AccessControl = variant.StartsWith("istio", StringComparison.Ordinal) ? GatewayApiAccessControl.Istio
                : variant.StartsWith("linkerd", StringComparison.Ordinal) ? GatewayApiAccessControl.Linkerd
                : GatewayApiAccessControl.None,
        };
        return new GatewayApiTranslator(shared, options);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_MatchesGoldenFiles(string caseName, string variant)
    {
        var result = TranslatorFor(variant).Translate(GoldenTranslation.LoadSnapshot(caseName));
        var folder = GoldenCases.Folder(caseName);
        GoldenFile.AssertMatches(Path.Combine(folder, $"gateway-api.{variant}.yaml"), ManifestWriter.ToYaml(result.Resources.Select(r => r.ToJson())));
        GoldenFile.AssertMatches(Path.Combine(folder, $"gateway-api.{variant}.diagnostics.txt"), GoldenTranslation.FormatDiagnostics(result.Diagnostics));
    }
}
