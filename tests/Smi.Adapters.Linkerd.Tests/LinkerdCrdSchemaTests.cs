using Smi.Abstractions.Crds;
using Smi.Testing;
using Xunit.Abstractions;

namespace Smi.Adapters.Linkerd.Tests;

/// <summary>Every object the golden cases produce, with default options and every variant, passes Linkerd 2.20's CRDs.</summary>
public class LinkerdCrdSchemaTests(ITestOutputHelper output)
{
    private static readonly string[] Variants = ["default", "policy-v1beta3", "service-profile", "default-deny"];

    [Fact]
    public void EveryGeneratedObject_IsValidAgainstLinkerdCrds()
    {
        var crds = RepositoryPaths.Crds;

        // Gateway API 1.2.1 standard is read last, so HTTPRoute v1 is checked against the version Linkerd 2.20 recommends.
        var catalog = CrdCatalog.Load([Path.Combine(crds, "linkerd"), Path.Combine(crds, "gateway-api", "v1.2.1", "standard")]);
        var failures = new List<string>();
        var checkedObjects = 0;
        foreach (var caseName in GoldenCases.All())
        {
            var snapshot = GoldenTranslation.LoadSnapshot(caseName);
            foreach (var variant in Variants)
            {
                var translator = variant == "default" ? LinkerdGoldenTests.DefaultTranslator() : LinkerdOptionGoldenTests.TranslatorFor(variant);
                foreach (var resource in translator.Translate(snapshot).Resources)
                {
                    checkedObjects++;
                    failures.AddRange(catalog.Validate(resource.ToJson()).Select(v => $"{caseName} [{variant}] {resource.Ref}: {v}"));
                }
            }
        }

        output.WriteLine($"{checkedObjects} objects checked.");
        Assert.True(checkedObjects > 0);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
