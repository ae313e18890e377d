using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.GatewayApi.Tests;

public class GatewayApiDependencyInjectionTests
{
    [Fact]
    public void AddGatewayApi_RegistersKeyedTranslatorAndCatalogEntry()
    {
        var services = new ServiceCollection();
        services.AddSmi().AddGatewayApi(o =>
        {
            o.Version = GatewayApiVersion.V1_6;
            o.AccessControl = GatewayApiAccessControl.Linkerd;
        });
        using var provider = services.BuildServiceProvider();

        var translator = provider.GetRequiredKeyedService<IMeshTranslator>("gateway-api");
        Assert.IsType<GatewayApiTranslator>(translator);
        Assert.Equal("gateway-api", translator.Mesh);
        var catalog = provider.GetRequiredService<MeshTranslatorCatalog>();
        Assert.Contains("gateway-api", catalog.Meshes);
        Assert.Same(translator, catalog.Find("gateway-api"));
        var options = provider.GetRequiredService<GatewayApiOptions>();
        Assert.Equal(GatewayApiVersion.V1_6, options.Version);
        Assert.Equal(GatewayApiAccessControl.Linkerd, options.AccessControl);
    }

    [Fact]
    public void AddGatewayApi_NextToOtherMeshes_KeepsEachTranslator()
    {
        var services = new ServiceCollection();
        services.AddSmi().AddLinkerd().AddGatewayApi();
        using var provider = services.BuildServiceProvider();

        Assert.Equal("linkerd", provider.GetRequiredKeyedService<IMeshTranslator>("linkerd").Mesh);
        Assert.Equal("gateway-api", provider.GetRequiredKeyedService<IMeshTranslator>("gateway-api").Mesh);
    }
}
