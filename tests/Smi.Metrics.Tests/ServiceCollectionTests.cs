using Microsoft.Extensions.DependencyInjection;
using Smi.Metrics.Api;
using Smi.Metrics.Inventory;
using Smi.Metrics.Prometheus;
using Smi.Metrics.Queries;

namespace Smi.Metrics.Tests;

public sealed class ServiceCollectionTests
{
    [Fact]
    public void AddSmiTrafficMetrics_WiresTheSelectedMesh()
    {
        var services = new ServiceCollection()
            .AddSingleton<IResourceDirectory>(new InMemoryResourceDirectory())
            .AddSmiTrafficMetrics("Consul", options => options.BaseAddress = new Uri("http://127.0.0.1:9090/"));
        using var provider = services.BuildServiceProvider();

        Assert.IsType<ConsulMetricsQueries>(provider.GetRequiredService<IMeshMetricsQueries>());
        Assert.IsType<IstioMetricsQueries>(provider.GetRequiredKeyedService<IMeshMetricsQueries>("istio"));
        Assert.Equal(new Uri("http://127.0.0.1:9090/api/v1/query"), Assert.IsType<PrometheusClient>(provider.GetRequiredService<IPrometheusClient>()).QueryUri);
        Assert.NotNull(provider.GetRequiredService<TrafficMetricsApi>());
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSmiTrafficMetrics("kuma", _ => { }));
    }
}
