using k8s;
using k8s.Exceptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Smi.Abstractions.Adapters;
using Smi.Adapters.Consul;
using Smi.Adapters.GatewayApi;
using Smi.Adapters.Istio;
using Smi.Adapters.Linkerd;
using Smi.Controller;
using Smi.Controller.Cache;
using Smi.Controller.Hosting;
using Smi.Kube;
using Smi.Kube.Kubeconfig;
using Smi.Metrics.Inventory;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the controller host.</summary>
public static class ControllerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the controller: its options (section <c>Controller</c>; output kinds and metrics queries left unset
    /// come from the mesh's adapter), the SMI pipeline with every mesh adapter (each adapter's options bound from
    /// <c>Adapters:&lt;section&gt;</c>, also for adapters added on the returned builder), an
    /// <see cref="IKubernetes"/> client (in-cluster, else the kubeconfig: the files in <c>KUBECONFIG</c>, else
    /// <c>~/.kube/config</c>), the clock, metrics, the controller,
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
        services.TryAddSingleton(sp => WithAdapterDefaults(options, sp));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMeshAdapterOptionsSetup>(
            new ConfigurationAdapterOptions(configuration.GetSection("Adapters"))));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new ControllerMetrics());
        services.TryAddSingleton<IKubernetes>(_ => new Kubernetes(ClientConfiguration()));
        services.TryAddSingleton<ControllerHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<ControllerHostedService>());
        services.TryAddSingleton<HealthServer>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthServer>());
        services.TryAddSingleton<IResourceDirectory>(sp =>
        {
            var controller = sp.GetRequiredService<ControllerHostedService>();
            return new InformerResourceDirectory(controller.Cache, sp.GetRequiredService<IKubernetes>());
        });
        services.TryAddSingleton(sp => new SecureServer(
            sp.GetRequiredService<ControllerOptions>(),
            sp.GetRequiredService<IKubernetes>(),
            sp.GetRequiredService<IResourceDirectory>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<TimeProvider>()));
        services.AddHostedService(sp => sp.GetRequiredService<SecureServer>());
        return services
            .AddSmi(t =>
            {
                t.ClusterDomain = options.ClusterDomain;
                t.TrustDomain = options.TrustDomain;
                t.DefaultDeny = options.DefaultDeny;
            })
            .AddAdapter<IstioAdapter>()
            .AddAdapter<LinkerdAdapter>()
            .AddAdapter<ConsulAdapter>()
            .AddAdapter<GatewayApiAdapter>();
    }

    /// <summary>Reads the <c>Controller</c> section; namespaces may be given as one comma-separated value.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The options.</returns>
    public static ControllerOptions ReadOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ControllerOptions();
        configuration.GetSection(ControllerOptions.SectionName).Bind(options);
        options.Namespaces = [
            .. options.Namespaces.SelectMany(
                n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)];
        return options;
    }

    /// <summary>
    /// Fills in what the options leave to the mesh's adapter: the output kinds (the adapter's and, when its options
    /// delegate access control, the delegate's, labelled as this mesh's outputs) and the metrics query set.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <param name="services">The services with the registered adapters and their options.</param>
    /// <returns>The same options.</returns>
    public static ControllerOptions WithAdapterDefaults(ControllerOptions options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        var adapters = services.GetRequiredService<MeshAdapterCatalog>();
        if (adapters.Find(options.Mesh) is not { } adapter)
        {
            return options;
        }

        if (options.OutputKinds.Count == 0)
        {
            var accessControl = adapter.AccessControlDelegate(services.GetRequiredService(adapter.OptionsType));
            options.OutputKinds = [.. ResourceKinds.OutputsOf(adapters, options.Mesh, accessControl)];
        }

        options.Metrics.Queries ??= adapter.MetricsQueries;
        return options;
    }

    /// <summary>
    /// In a pod, its service account; else the kubeconfig files kubectl would read, each read by
    /// <see cref="KubeconfigReader"/> (KubernetesClient's own <c>BuildDefaultConfig</c> reads them through a YAML
    /// deserializer that a natively compiled controller cannot run).
    /// </summary>
    private static KubernetesClientConfiguration ClientConfiguration()
    {
        if (KubernetesClientConfiguration.IsInCluster())
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        var files = KubeconfigFiles.Default();
        return files.Count > 0
            ? KubeconfigFiles.Configuration(files, context: null)
            : throw new KubeConfigException("not in a cluster (no service account token), KUBECONFIG is not set and "
                + $"{KubeconfigFiles.DefaultPath} does not exist: the controller has no API server to talk to");
    }
}
