using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Translation;

namespace Smi.Cli;

/// <summary>Registers every mesh adapter the tool ships with, configured from the command line.</summary>
internal static class MeshRegistration
{
    public static ServiceProvider Build(TranslateSettings settings)
    {
        var services = new ServiceCollection();
        services.AddSmi(options =>
        {
            options.ClusterDomain = settings.ClusterDomain;
            options.TrustDomain = settings.TrustDomain;
            options.DefaultDeny = settings.DefaultDeny;
        })
        .AddConsul(options =>
        {
            options.Namespaces = settings.ConsulNamespaces;
            options.DefaultDenyNamespace = settings.ConsulDefaultDenyNamespace;
        })
        .AddIstio(options => options.ApiVersion = settings.IstioApiVersion)
        .AddGatewayApi(options =>
        {
            options.Version = settings.GatewayApiVersion;
            options.TcpRoutes = settings.GatewayApiTcpRoutes;
            options.AccessControl = settings.GatewayApiAccessControl;
        })
        .AddLinkerd(options =>
        {
            options.RouteApi = settings.LinkerdRouteApi;
            options.ServiceProfile = settings.LinkerdServiceProfile;
        });
        return services.BuildServiceProvider();
    }

    public static MeshTranslatorCatalog Catalog(ServiceProvider provider) => provider.GetRequiredService<MeshTranslatorCatalog>();
}
