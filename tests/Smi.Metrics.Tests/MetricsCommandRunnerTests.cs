using System.Text.Json;
using Smi.Metrics.Api;
using Smi.Metrics.Cli;
using Smi.Metrics.Model;

namespace Smi.Metrics.Tests;

/// <summary>The <c>smi metrics</c> body against the real Prometheus.</summary>
[Collection(PrometheusCollection.Name)]
public sealed class MetricsCommandRunnerTests(PrometheusFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData("istio")]
    [InlineData("linkerd")]
    [InlineData("consul")]
    public async Task Table_ShowsSuccessRateRpsAndLatencies(string mesh)
    {
        if (Skip())
        {
            return;
        }

        using var writer = new StringWriter();
        var code = await Run(mesh, "deploy/api", null, edges: false, window: null, json: false, writer);
        Assert.Equal(0, code);
        output.WriteLine(writer.ToString());

        // 105 successes of 135 requests = 77.78%; 135 / 30 s = 4.5 rps; latencies from Expected.Api.
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "SUCCESS", "RPS", "LATENCY_P50", "LATENCY_P90", "LATENCY_P99"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["api", "77.78%", "4.5rps", "43.75ms", "115ms", "236.5ms"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Table_ForEdges_AddsDirectionAndPeer_AndHonoursTheWindow()
    {
        if (Skip())
        {
            return;
        }

        using var writer = new StringWriter();
        var code = await Run("istio", "deployments", "api", edges: true, window: "1m", json: false, writer);
        Assert.Equal(0, code);
        var rows = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["NAME", "DIRECTION", "PEER", "SUCCESS", "RPS", "LATENCY_P50", "LATENCY_P90", "LATENCY_P99"], rows[0]);

        // store-v1 over 1m: 180 of 240 succeed (75%), 4 rps. web: 180 of 210 (85.71%), 3.5 rps.
        Assert.Equal(["api", "to", "deployment/shop/store-v1", "75.00%", "4.0rps", "10ms", "60ms", "96ms"], rows[1]);
        Assert.Equal(["api", "from", "deployment/shop/web", "85.71%", "3.5rps", "31.25ms", "82.5ms", "98.25ms"], rows[4]);
    }

    [Fact]
    public async Task Json_IsTheV1Alpha2Object()
    {
        if (Skip())
        {
            return;
        }

        using var writer = new StringWriter();
        var code = await Run("linkerd", "po", "api-1", edges: false, window: "30s", json: true, writer);
        Assert.Equal(0, code);
        var item = JsonSerializer.Deserialize<TrafficMetrics>(writer.ToString(), MetricsJson.Options)!;
        Assert.Equal("metrics.smi-spec.io/v1alpha2", item.ApiVersion);
        Assert.Equal("Pod", item.Resource.Kind);
        MeshHarness.AssertValues(Expected.Api1, item, "json api-1");
    }

    [Fact]
    public async Task Lists_And_Splits_UseTheDirectory()
    {
        if (Skip())
        {
            return;
        }

        using var writer = new StringWriter();
        var code = await Run("linkerd", "trafficsplit", "store-split", edges: false, window: null, json: false, writer);
        Assert.Equal(0, code);
        var rows = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["NAME", "APEX", "LEAF", "WEIGHT", "SUCCESS", "RPS", "LATENCY_P50", "LATENCY_P90", "LATENCY_P99"], rows[0]);
        Assert.Equal(["store-split", "store", "store-v2", "10", "100.00%", "0.5rps", "5ms", "9ms", "9.9ms"], rows[2]);

        using var list = new StringWriter();
        Assert.Equal(0, await Run("consul", "deploy", null, edges: false, window: null, json: false, list));
        var listRows = list.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["web", "-", "-", "-", "-", "-"], listRows[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("not a url", "linkerd", "deploy/api", null, "--prometheus")]
    [InlineData("http://127.0.0.1:9", "kuma", "deploy/api", null, "unknown mesh")]
    [InlineData("http://127.0.0.1:9", "istio", "widgets/api", null, "unknown resource type")]
    [InlineData("http://127.0.0.1:9", "istio", "deploy/api", "soon", "invalid window")]
    [InlineData("http://127.0.0.1:9", "istio", "deploy", null, "name is required")]
    [InlineData("http://127.0.0.1:9", "istio", "ts/split", null, "backends")]
    public async Task BadArguments_ExitWith2(string url, string mesh, string kind, string? window, string message)
    {
        using var writer = new StringWriter();
        var code = await MetricsCommandRunner.RunAsync(url, mesh, kind, null, "shop", false, window, false, writer);
        Assert.Equal(MetricsCommandRunner.UsageError, code);
        Assert.Contains(message, writer.ToString(), StringComparison.Ordinal);
    }

    private Task<int> Run(string mesh, string kind, string? name, bool edges, string? window, bool json, StringWriter writer) =>
        MetricsCommandRunner.RunAsync(
            fixture.BaseAddress.ToString(), mesh, kind, name, "shop", edges, window, json, writer,
            directory: MeshHarness.Directory(), timeProvider: new FixedTimeProvider(fixture.EvaluationTime));

    private bool Skip()
    {
        if (fixture.Unavailable is null)
        {
            return false;
        }

        output.WriteLine("NOT RUN: " + fixture.Unavailable);
        if (Environment.GetEnvironmentVariable("SMI_REQUIRE_PROMETHEUS") == "1")
        {
            Assert.Fail(fixture.Unavailable);
        }

        return true;
    }
}
