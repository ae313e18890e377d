using Smi.Abstractions.Crds;
using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Adapters.Istio.Tests;

public class CrdSchemaTests
{
    private static readonly Lazy<CrdCatalog> Catalog = new(() =>
        CrdCatalog.Load([Path.Combine(RepositoryPaths.Crds, "istio")]));

    public static TheoryData<string> Cases => GoldenCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryGeneratedObject_IsValidAgainstIstioCrds(string caseName)
    {
        var catalog = Catalog.Value;

        var snapshot = GoldenTranslation.LoadSnapshot(caseName);
        IMeshTranslator[] translators =
        [
            TestTranslators.Default(),
            GoldenTests.VariantTranslator("default-deny"),
            GoldenTests.VariantTranslator("v1beta1"),
            GoldenTests.VariantTranslator("domains"),
            TestTranslators.With(o => { o.DefaultDeny = true; o.ApiVersion = IstioApiVersion.V1Beta1; }),
        ];
        foreach (var translator in translators)
        {
            foreach (var resource in translator.Translate(snapshot).Resources)
            {
                var violations = catalog.Validate(resource.ToJson());
                Assert.True(violations.Count == 0, $"{resource.Ref} ({resource.Ref.ApiVersion}): {string.Join("; ", violations)}");
            }
        }
    }

    [Fact]
    public void Checker_RefusesAFieldTheCrdDoesNotHave()
    {
        var catalog = Catalog.Value;

        var resource = TestTranslators.Default().Translate(GoldenTranslation.LoadSnapshot("canary-basic")).Resources.Single();
        var json = resource.ToJson();
        json["spec"]!.AsObject()["subsets"] = "not-a-virtualservice-field";

        Assert.NotEmpty(catalog.Validate(json));
    }
}
