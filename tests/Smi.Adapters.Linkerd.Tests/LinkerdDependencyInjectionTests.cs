using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.Linkerd.Tests;

public class LinkerdDependencyInjectionTests
{
    [Fact]
    public void AddLinkerd_RegistersKeyedTranslatorAndCatalogEntry()
    {
        var services = new ServiceCollection();
        services.AddSmi(o => o.ClusterDomain = "example.internal").AddLinkerd(o => o.RouteApi = LinkerdRouteApi.PolicyV1Beta3);
        using var provider = services.BuildServiceProvider();

        var translator = provider.GetRequiredKeyedService<IMeshTranslator>("linkerd");
        Assert.IsType<LinkerdTranslator>(translator);
        Assert.Equal("linkerd", translator.Mesh);
        var catalog = provider.GetRequiredService<MeshTranslatorCatalog>();
        Assert.Contains("linkerd", catalog.Meshes);
        Assert.Same(translator, catalog.Find("linkerd"));
        Assert.Equal(LinkerdRouteApi.PolicyV1Beta3, provider.GetRequiredService<LinkerdOptions>().RouteApi);
    }
}
