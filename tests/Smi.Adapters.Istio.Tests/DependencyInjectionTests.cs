using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Adapters.Istio.Tests;

public class DependencyInjectionTests
{
    [Fact]
    public void AddIstio_RegistersKeyedTranslatorAndCatalogEntry()
    {
        var services = new ServiceCollection();
        services.AddSmi().AddIstio();
        using var provider = services.BuildServiceProvider();

        var keyed = provider.GetRequiredKeyedService<IMeshTranslator>("istio");
        var catalog = provider.GetRequiredService<MeshTranslatorCatalog>();

        Assert.IsType<IstioTranslator>(keyed);
        Assert.Contains("istio", catalog.Meshes);
        Assert.Same(keyed, catalog.Find("istio"));
    }

    [Fact]
    public void AddIstio_OptionsOverrideSharedOptions()
    {
        var services = new ServiceCollection();
        services.AddSmi(o => o.ClusterDomain = "shared.example").AddIstio(o =>
        {
            o.ApiVersion = IstioApiVersion.V1Beta1;
            o.TrustDomain = "mesh.example";
            o.DefaultDeny = true;
        });
        using var provider = services.BuildServiceProvider();
        var translator = provider.GetRequiredKeyedService<IMeshTranslator>("istio");

        var result = translator.Translate(GoldenTranslation.LoadSnapshot("shop-example"));
        var json = string.Join("\n", result.Resources.Select(r => r.ToJson().ToJsonString()));

        Assert.Contains("networking.istio.io/v1beta1", json, StringComparison.Ordinal);
        Assert.Contains("security.istio.io/v1beta1", json, StringComparison.Ordinal);
        Assert.Contains("website.shop.svc.shared.example", json, StringComparison.Ordinal);
        Assert.Contains("mesh.example/ns/monitoring/sa/prometheus", json, StringComparison.Ordinal);
        Assert.Contains(result.Resources, r => r.Ref.Name == "smi-default-deny");
    }
}
