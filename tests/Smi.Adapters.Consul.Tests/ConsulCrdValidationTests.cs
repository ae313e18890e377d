using System.Globalization;
using System.Text.Json.Nodes;
using Smi.Abstractions.Crds;
using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Adapters.Consul.Tests;

public class ConsulCrdValidationTests
{
    private static readonly Lazy<CrdCatalog> Catalog = new(() =>
        CrdCatalog.Load([Path.Combine(RepositoryPaths.Crds, "consul")]));

    public static TheoryData<string> Cases => GoldenCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryGeneratedObject_IsAcceptedByTheConsulCrds(string caseName)
    {
        var catalog = Catalog.Value;

        var snapshot = GoldenTranslation.LoadSnapshot(caseName);
        var variants = new[]
        {
            ConsulGoldenTests.Translator(),
            ConsulGoldenTests.Translator(ConsulNamespaces.None, defaultDeny: true),
            ConsulGoldenTests.Translator(ConsulNamespaces.Mirror, defaultDeny: true),
        };
        foreach (var translator in variants)
        {
            foreach (var resource in translator.Translate(snapshot).Resources)
            {
                var json = resource.ToJson();
                Assert.True(
                    catalog.Serves(resource.Object.ApiVersion, resource.Object.Kind),
                    $"{resource.Ref} is not served by the Consul CRDs");
                var violations = catalog.Validate(json);
                Assert.True(violations.Count == 0, $"{resource.Ref}: {string.Join("; ", violations)}");
                AssertWebhookRules(resource, json);
            }
        }
    }

    [Fact]
    public void Checker_RefusesAFieldTheCrdDoesNotHave()
    {
        var catalog = Catalog.Value;

        var json = ConsulGoldenTests.Translator(defaultDeny: true)
            .Translate(GoldenTranslation.LoadSnapshot("shop-example")).Resources
            .First(r => r.Object.Kind == "ServiceIntentions").ToJson();
        Assert.Empty(catalog.Validate(json));
        json["spec"]!["sources"]![0]!["ports"] = new JsonArray(8080);
        Assert.NotEmpty(catalog.Validate(json));
    }

    /// <summary>
    /// The consul-k8s webhook rules that the schema does not carry (servicesplitter_types.go,
    /// serviceintentions_types.go).
    /// </summary>
    private static void AssertWebhookRules(GeneratedResource resource, JsonObject json)
    {
        var spec = json["spec"]!.AsObject();
        switch (resource.Object.Kind)
        {
            case "ServiceSplitter":
                var weights = spec["splits"]!.AsArray().Select(s => s!["weight"]!.GetValue<double>()).ToList();
                var sum = 0f;
                foreach (var weight in weights)
                {
                    Assert.True(weight == 0 || (weight >= 0.01 && weight <= 100), $"{resource.Ref}: weight {weight}");
                    Assert.Equal(weight, Math.Round(weight, 2));
                    sum += float.Parse(weight.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                }

                Assert.Equal(100f, sum);
                Assert.Equal(10_000, weights.Sum(w => (long)Math.Round(w * 100)));
                var services = spec["splits"]!.AsArray().Select(s => (string?)s!["service"]).ToList();
                Assert.Equal(services.Count, services.Distinct().Count());
                break;
            case "ServiceIntentions":
                var sources = spec["sources"]!.AsArray();
                Assert.NotEmpty(sources);
                foreach (var source in sources)
                {
                    var hasAction = source!["action"] is not null;
                    var permissions = source["permissions"]?.AsArray();
                    Assert.True(
                        hasAction ^ permissions is not null,
                        $"{resource.Ref}: action and permissions are exclusive");
                    foreach (var permission in permissions ?? [])
                    {
                        var http = permission!["http"]!.AsObject();
                        Assert.True(new[] { "pathExact", "pathPrefix", "pathRegex" }.Count(http.ContainsKey) <= 1);
                        Assert.True(http.Count > 0, $"{resource.Ref}: empty http permission");
                    }
                }

                break;
        }
    }
}
