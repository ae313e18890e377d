using Microsoft.Extensions.DependencyInjection.Extensions;
using Smi.Metrics;
using Smi.Metrics.Api;
using Smi.Metrics.Inventory;
using Smi.Metrics.Prometheus;
using Smi.Metrics.Queries;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the TrafficMetrics API.</summary>
public static class TrafficMetricsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the per-mesh query providers (keyed <c>istio</c>, <c>linkerd</c>, <c>consul</c>), the one for
    /// <paramref name="mesh"/> as <see cref="IMeshMetricsQueries"/>, a <see cref="PrometheusClient"/>, the
    /// <see cref="TrafficMetricsService"/> and the <see cref="TrafficMetricsApi"/>. The host registers the
    /// <see cref="IResourceDirectory"/> (for example from its informer cache). Existing registrations win.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="mesh"><c>istio</c>, <c>linkerd</c> or <c>consul</c>.</param>
    /// <param name="configure">Sets the Prometheus address, timeout, token and retries.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentException">The mesh is not supported.</exception>
    public static IServiceCollection AddSmiTrafficMetrics(
        this IServiceCollection services, string mesh, Action<PrometheusClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        if (!MeshMetricsQueries.TryGet(mesh, out _))
        {
            throw new ArgumentException(
                $"Unknown mesh \"{mesh}\"; use one of {string.Join(", ", MeshMetricsQueries.Names)}.", nameof(mesh));
        }

        var key = mesh.ToLowerInvariant();
        services.TryAddKeyedSingleton<IMeshMetricsQueries, IstioMetricsQueries>("istio");
        services.TryAddKeyedSingleton<IMeshMetricsQueries, LinkerdMetricsQueries>("linkerd");
        services.TryAddKeyedSingleton<IMeshMetricsQueries, ConsulMetricsQueries>("consul");
        services.TryAddSingleton(provider => provider.GetRequiredKeyedService<IMeshMetricsQueries>(key));
        services.TryAddSingleton<IPrometheusClient>(_ =>
        {
            var options = new PrometheusClientOptions();
            configure(options);
            return new PrometheusClient(options);
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new TrafficMetricsService(
            provider.GetRequiredService<IPrometheusClient>(),
            provider.GetRequiredService<IMeshMetricsQueries>(),
            provider.GetRequiredService<IResourceDirectory>(),
            provider.GetService<TimeProvider>()));
        services.TryAddSingleton<TrafficMetricsApi>();
        return services;
    }
}
