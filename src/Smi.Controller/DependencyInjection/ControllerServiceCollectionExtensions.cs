using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Smi.Adapters.GatewayApi;
using Microsoft.Extensions.Logging;
using Smi.Controller;
using Smi.Controller.Cache;
using Smi.Controller.Hosting;
using Smi.Metrics.Inventory;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the controller host.</summary>
public static class ControllerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the controller: its options (section <c>Controller</c>), the SMI pipeline with every mesh adapter (each
    /// adapter's options bound from <c>Adapters:&lt;mesh&gt;</c>), an <see cref="IKubernetes"/> client (in-cluster, else the
    /// kubeconfig: the files in <c>KUBECONFIG</c>, else <c>~/.kube/config</c>), the clock, metrics, the controller,
    /// the health server, the HTTPS server of the webhooks and the TrafficMetrics API (<see cref="SecureServer"/>)
    /// and the <see cref="IResourceDirectory"/> it lists objects from (the controller's informer cache).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The SMI builder, for more adapters.</returns>
    public static ISmiBuilder AddSmiController(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = ReadOptions(configuration);
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new ControllerMetrics());
        services.TryAddSingleton<IKubernetes>(_ => new Kubernetes(KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildDefaultConfig()));
        services.TryAddSingleton<ControllerHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<ControllerHostedService>());
        services.TryAddSingleton<HealthServer>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthServer>());
        services.TryAddSingleton<IResourceDirectory>(sp =>
        {
            var controller = sp.GetRequiredService<ControllerHostedService>();
            return new InformerResourceDirectory(() => controller.Core, sp.GetRequiredService<IKubernetes>());
        });
        services.TryAddSingleton(sp => new SecureServer(
            sp.GetRequiredService<ControllerOptions>(),
            sp.GetRequiredService<IKubernetes>(),
            sp.GetRequiredService<IResourceDirectory>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<TimeProvider>()));
        services.AddHostedService(sp => sp.GetRequiredService<SecureServer>());
        var adapters = configuration.GetSection("Adapters");
        return services
            .AddSmi(t =>
            {
                t.ClusterDomain = options.ClusterDomain;
                t.TrustDomain = options.TrustDomain;
                t.DefaultDeny = options.DefaultDeny;
            })
            .AddIstio(o => adapters.GetSection("istio").Bind(o))
            .AddLinkerd(o => adapters.GetSection("linkerd").Bind(o))
            .AddConsul(o => adapters.GetSection("consul").Bind(o))
            .AddGatewayApi(o => adapters.GetSection("gateway-api").Bind(o));
    }

    /// <summary>
    /// Reads the <c>Controller</c> section; namespaces may be given as one comma-separated value. For <c>gateway-api</c>
    /// with access control delegated to Istio or Linkerd, that mesh's label is added to the output labels.
    /// </summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The options.</returns>
    public static ControllerOptions ReadOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ControllerOptions();
        configuration.GetSection(ControllerOptions.SectionName).Bind(options);
        options.Namespaces = [.. options.Namespaces.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];
        if (options.OutputKinds.Count == 0 && options.Mesh == "gateway-api")
        {
            // Delegated access control writes the delegate's kinds, labelled as gateway-api outputs: watch them too.
            var gatewayApi = new GatewayApiOptions();
            configuration.GetSection("Adapters:gateway-api").Bind(gatewayApi);
            var delegated = gatewayApi.AccessControl switch
            {
                GatewayApiAccessControl.Istio => MeshOutputKinds.For("istio"),
                GatewayApiAccessControl.Linkerd => MeshOutputKinds.For("linkerd"),
                _ => [],
            };
            if (delegated.Length > 0)
            {
                options.OutputKinds = [.. MeshOutputKinds.For("gateway-api").Concat(delegated).Distinct()];
            }
        }

        return options;
    }
}
