using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Adapters;
using Smi.Abstractions.Translation;

namespace Smi.Cli;

/// <summary>
/// Registers every mesh adapter the tool ships with, configured from the command line, and the adapters the host of
/// the command line adds (<see cref="SmiCommandLine.RunAsync(string[], CliConsole, Action{ISmiBuilder})"/>).
/// </summary>
internal static class MeshRegistration
{
    private static readonly AsyncLocal<Action<ISmiBuilder>?> HostAdapters = new();

    /// <summary>Adds adapters to every registration made in the current asynchronous flow.</summary>
    public static void AddHostAdapters(Action<ISmiBuilder> adapters) => HostAdapters.Value += adapters;

    public static ServiceProvider Build(TranslateSettings settings)
    {
        var services = new ServiceCollection();
        var smi = services.AddSmi(options =>
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
        HostAdapters.Value?.Invoke(smi);
        return services.BuildServiceProvider();
    }

    /// <summary>The mesh the options of <paramref name="mesh"/>'s adapter delegate access control to.</summary>
    public static string? AccessControlDelegate(ServiceProvider provider, string mesh) =>
        provider.GetRequiredService<MeshAdapterCatalog>().Find(mesh) is { } adapter
            ? adapter.AccessControlDelegate(provider.GetRequiredService(adapter.OptionsType))
            : null;

    /// <summary>The registered adapters, with the options' defaults.</summary>
    public static MeshAdapterCatalog Adapters()
    {
        using var provider = Build(new TranslateSettings());
        return provider.GetRequiredService<MeshAdapterCatalog>();
    }

    public static MeshTranslatorCatalog Catalog(ServiceProvider provider) =>
        provider.GetRequiredService<MeshTranslatorCatalog>();
}
