using System.Text.Json;
using Smi.Metrics.Api;
using Smi.Metrics.Inventory;
using Smi.Metrics.Model;
using Smi.Metrics.Prometheus;
using Smi.Metrics.Queries;

namespace Smi.Metrics.Tests;

/// <summary>
/// The API for one mesh over one of the fixture's Prometheus servers, with a directory of the synthetic cluster.
/// </summary>
internal sealed class MeshHarness : IDisposable
{
    private readonly PrometheusClient client;

    public MeshHarness(
        PrometheusFixture fixture,
        int scrapeSeconds,
        string mesh,
        TrafficMetricsOptions? options = null,
        InMemoryResourceDirectory? directory = null)
    {
        Assert.True(MeshMetricsQueries.TryGet(mesh, out var queries));
        client = fixture.Server(scrapeSeconds).CreateClient();
        var clock = new FixedTimeProvider(fixture.EvaluationTime);
        Service = new TrafficMetricsService(client, queries, directory ?? Directory(), clock, options);
        Api = new TrafficMetricsApi(Service);
        Timestamp = fixture.EvaluationTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    public TrafficMetricsService Service { get; }

    public TrafficMetricsApi Api { get; }

    public string Timestamp { get; }

    public static InMemoryResourceDirectory Directory()
    {
        static Dictionary<string, string> Labels(params string[] pairs) =>
            pairs.Select(pair => pair.Split('=')).ToDictionary(parts => parts[0], parts => parts[1]);

        return new InMemoryResourceDirectory()
            .Add(MetricsResourceKinds.Namespaces, null, "shop", Labels("team=shop"))
            .Add(MetricsResourceKinds.Namespaces, null, "ops", Labels("team=ops"))
            .Add(MetricsResourceKinds.Deployments, "shop", "api", Labels("app=api", "tier=backend"))
            .Add(MetricsResourceKinds.Deployments, "shop", "web", Labels("app=web", "tier=frontend"))
            .Add(MetricsResourceKinds.Deployments, "ops", "probe", Labels("app=probe"))
            .Add(MetricsResourceKinds.StatefulSets, "shop", "store-v1", Labels("app=store"))
            .Add(MetricsResourceKinds.DaemonSets, "shop", "store-v2", Labels("app=store"))
            .Add(MetricsResourceKinds.Pods, "shop", "api-1", Labels("app=api"))
            .Add(MetricsResourceKinds.Pods, "shop", "api-2", Labels("app=api"))
            .Add(MetricsResourceKinds.Pods, "shop", "web-1", Labels("app=web"))
            .Add(MetricsResourceKinds.Pods, "shop", "store-v1-0", Labels("app=store"))
            .Add(MetricsResourceKinds.Pods, "shop", "store-v2-x", Labels("app=store"))
            .Add(MetricsResourceKinds.Pods, "ops", "probe-1", Labels("app=probe"))
            .AddTrafficSplit("shop", "store-split", new TrafficSplitInfo("store", [new("store-v1", 90), new("store-v2", 10)]));
    }

    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        var response = await Api.HandleAsync("GET", path, CancellationToken.None);
        return (response.StatusCode, response.Body);
    }

    public async Task<T> GetOkAsync<T>(string path)
    {
        var (status, body) = await GetAsync(path);
        Assert.True(status == 200, $"GET {path} answered {status}: {body}");
        return JsonSerializer.Deserialize<T>(body, MetricsJson.Options)!;
    }

    public void Dispose() => client.Dispose();

    /// <summary>The directory of <see cref="RealExports"/>: the rpc, pay and legacy namespaces.</summary>
    public static InMemoryResourceDirectory RealExportsDirectory() => new InMemoryResourceDirectory()
        .Add(MetricsResourceKinds.Deployments, "rpc", "client", new Dictionary<string, string>())
        .Add(MetricsResourceKinds.Deployments, "rpc", "server", new Dictionary<string, string>())
        .Add(MetricsResourceKinds.Deployments, "rpc", "ambient", new Dictionary<string, string>())
        .Add(MetricsResourceKinds.Deployments, "legacy", "old-api", new Dictionary<string, string>())
        .Add(MetricsResourceKinds.Deployments, "legacy", "cache", new Dictionary<string, string>())
        .AddTrafficSplit("pay", "pay-split", new TrafficSplitInfo("pay", [new("pay-v1", 80), new("pay-v2", 20)]));

    public static void AssertValues(Expect expected, TrafficMetrics item, int windowSeconds, string context)
    {
        var names = item.Metrics.Select(metric => metric.Name).ToArray();
        Assert.Equal(
            [TrafficMetricNames.P99ResponseLatency, TrafficMetricNames.P90ResponseLatency, TrafficMetricNames.P50ResponseLatency, TrafficMetricNames.SuccessCount, TrafficMetricNames.FailureCount],
            names);
        foreach (var metric in item.Metrics)
        {
            Assert.Equal(metric.Name.EndsWith("_latency", StringComparison.Ordinal) ? "ms" : null, metric.Unit);
        }

        var wanted = (
            Expect.Count(expected.Success, windowSeconds),
            Expect.Count(expected.Failure, windowSeconds),
            expected.P50,
            expected.P90,
            expected.P99);
        var actual = (
            item.Get(TrafficMetricNames.SuccessCount),
            item.Get(TrafficMetricNames.FailureCount),
            item.Get(TrafficMetricNames.P50ResponseLatency),
            item.Get(TrafficMetricNames.P90ResponseLatency),
            item.Get(TrafficMetricNames.P99ResponseLatency));
        Assert.True(wanted == actual, $"{context} over {windowSeconds}s: expected {wanted}, got {actual}");
    }
}
