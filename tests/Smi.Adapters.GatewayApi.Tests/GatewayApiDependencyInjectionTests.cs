using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Adapters;
using Smi.Abstractions.Translation;
using Smi.Adapters.Istio;
using Smi.Testing;

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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Delegated_Access_Control_Uses_The_Registered_Istio_Options_In_Either_Order(bool gatewayApiFirst)
    {
        var smi = new ServiceCollection().AddSmi();
        if (gatewayApiFirst)
        {
            smi.AddGatewayApi(o => o.AccessControl = GatewayApiAccessControl.Istio)
                .AddIstio(o => o.ApiVersion = IstioApiVersion.V1Beta1);
        }
        else
        {
            smi.AddIstio(o => o.ApiVersion = IstioApiVersion.V1Beta1)
                .AddGatewayApi(o => o.AccessControl = GatewayApiAccessControl.Istio);
        }

        using var provider = smi.Services.BuildServiceProvider();
        var translator = provider.GetRequiredKeyedService<IMeshTranslator>("gateway-api");
        var policies = translator.Translate(GoldenTranslation.LoadSnapshot("access-http-tcp")).Resources
            .Where(r => r.Ref.Kind == "AuthorizationPolicy")
            .ToList();

        Assert.NotEmpty(policies);
        Assert.All(policies, p => Assert.Equal("security.istio.io/v1beta1", p.Ref.ApiVersion));
    }

    [Fact]
    public void The_Adapter_Registers_Its_Delegates_And_Describes_Their_Settings()
    {
        using var provider = new ServiceCollection().AddSmi().AddAdapter<GatewayApiAdapter>()
            .Services.BuildServiceProvider();
        var adapters = provider.GetRequiredService<MeshAdapterCatalog>();
        var adapter = adapters.Find("gateway-api")!;

        Assert.Equal(["gateway-api", "istio", "linkerd"], adapters.Names);
        Assert.Equal(["istio", "linkerd"], adapter.AccessControlDelegates.Select(d => d.Name));
        Assert.Equal([new("AccessControl", "Linkerd")], adapter.AccessControlSettings("linkerd"));
        Assert.Null(adapter.AccessControlDelegate(provider.GetRequiredService<GatewayApiOptions>()));
        var delegating = new GatewayApiOptions { AccessControl = GatewayApiAccessControl.Istio };
        Assert.Equal("istio", adapter.AccessControlDelegate(delegating));
        Assert.Throws<ArgumentException>(() => adapter.AccessControlSettings("consul"));
        Assert.Null(adapter.MetricsQueries);
        Assert.Contains(adapters.OutputKinds("gateway-api", "istio"), k => k.Kind == "AuthorizationPolicy");
        Assert.DoesNotContain(adapters.OutputKinds("gateway-api"), k => k.Kind == "AuthorizationPolicy");
    }
}
