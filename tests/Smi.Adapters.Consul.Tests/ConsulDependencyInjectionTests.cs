using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.Consul.Tests;

public class ConsulDependencyInjectionTests
{
    [Fact]
    public void AddConsul_RegistersKeyedTranslatorListedInCatalog()
    {
        using var provider = new ServiceCollection().AddSmi().AddConsul().Services.BuildServiceProvider();

        var translator = provider.GetRequiredKeyedService<IMeshTranslator>("consul");
        Assert.IsType<ConsulTranslator>(translator);
        Assert.Equal("consul", translator.Mesh);
        var catalog = provider.GetRequiredService<MeshTranslatorCatalog>();
        Assert.Contains("consul", catalog.Meshes);
        Assert.Same(translator, catalog.Find("consul"));
    }

    [Fact]
    public void AddConsul_AppliesOptions()
    {
        using var provider = new ServiceCollection()
            .AddSmi(o => o.DefaultDeny = true)
            .AddConsul(o =>
            {
                o.Namespaces = ConsulNamespaces.Mirror;
                o.DefaultDenyNamespace = "consul";
            })
            .Services.BuildServiceProvider();

        var options = provider.GetRequiredService<ConsulOptions>();
        Assert.Equal(ConsulNamespaces.Mirror, options.Namespaces);
        Assert.Equal("consul", options.DefaultDenyNamespace);
        Assert.True(provider.GetRequiredService<TranslationOptions>().DefaultDeny);
    }
}
