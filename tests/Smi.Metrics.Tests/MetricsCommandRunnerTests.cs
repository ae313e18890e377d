using System.Text.Json;
using Smi.Metrics.Api;
using Smi.Metrics.Cli;
using Smi.Metrics.Model;

namespace Smi.Metrics.Tests;

/// <summary>
/// The <c>smi metrics</c> body against the real Prometheus that scrapes every 60 s (Prometheus' default), with the
/// scrape interval read from its configuration as the command does by default.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class MetricsCommandRunnerTests(PrometheusFixture fixture, ITestOutputHelper output)
{
    private const int Scrape = 60;

    [PrometheusTheory]
    [InlineData("istio")]
    [InlineData("linkerd")]
    [InlineData("consul")]
    public async Task Table_ShowsSuccessRateRpsAndLatencies_WithSixtySecondScrapes(string mesh)
    {
        using var writer = new StringWriter();
        using var error = new StringWriter();
        var code = await Run(mesh, "deploy/api", null, edges: false, window: null, json: false, writer, error);
        Assert.Equal(0, code);
        output.WriteLine(writer.ToString() + error);

        // 3.5/s succeed of 4.5/s = 77.78%; 4.5 rps; latencies from Expected.Api: the same over any window.
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "SUCCESS", "RPS", "LATENCY_P50", "LATENCY_P90", "LATENCY_P99"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["api", "77.78%", "4.5rps", "43.75ms", "115ms", "236.5ms"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(
            "note: window 30s widened to 4m0s: Prometheus scrapes every 1m0s (read from its configuration)",
            error.ToString(),
            StringComparison.Ordinal);
    }

    [PrometheusFact]
    public async Task Table_And_Json_ShowNoDataAsDash_AndNull_NeverZero()
    {
        using var table = new StringWriter();
        using var notes = new StringWriter();
        var directory = MeshHarness.RealExportsDirectory();
        Assert.Equal(0, await Run("consul", "deploy", null, false, null, false, table, notes, "legacy", directory));
        var rows = table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();

        // cache: protocol tcp, so no request data at all; old-api: 2/s of 2.5/s succeed (80%), all in (0,10].
        Assert.Equal(["cache", "-", "-", "-", "-", "-"], rows[1]);
        Assert.Equal(["old-api", "80.00%", "2.5rps", "5ms", "9ms", "9.9ms"], rows[2]);
        Assert.Contains(
            "note: cache: the Consul service exports TCP connection metrics only (protocol tcp",
            notes.ToString(),
            StringComparison.Ordinal);

        using var json = new StringWriter();
        Assert.Equal(0, await Run("consul", "deploy", "cache", false, null, true, json, null, "legacy", directory));
        var document = System.Text.Json.Nodes.JsonNode.Parse(json.ToString())!;
        Assert.All(document["metrics"]!.AsArray(), metric =>
        {
            Assert.True(metric!.AsObject().ContainsKey("value"), "value is written");
            Assert.Null(metric["value"]);
        });

        using var web = new StringWriter();
        Assert.Equal(0, await Run("istio", "deploy", "web", edges: false, window: null, json: true, web));
        var item = JsonSerializer.Deserialize<TrafficMetrics>(web.ToString(), MetricsJson.Options)!;
        MeshHarness.AssertValues(Expect.NoTraffic, item, 240, "web has no inbound traffic");
    }

    [PrometheusFact]
    public async Task Table_ForEdges_AddsDirectionAndPeer_AndHonoursTheWindow()
    {
        using var writer = new StringWriter();
        var code = await Run("istio", "deployments", "api", edges: true, window: "1m", json: false, writer);
        Assert.Equal(0, code);
        var rows = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["NAME", "DIRECTION", "PEER", "SUCCESS", "RPS", "LATENCY_P50", "LATENCY_P90", "LATENCY_P99"], rows[0]);

        // store-v1: 3/s of 4/s succeed (75%), 4 rps. web: 3/s of 3.5/s (85.71%), 3.5 rps. (1m is widened to 4m.)
        Assert.Equal(["api", "to", "deployment/shop/store-v1", "75.00%", "4.0rps", "10ms", "60ms", "96ms"], rows[1]);
        Assert.Equal(["api", "from", "deployment/shop/web", "85.71%", "3.5rps", "31.25ms", "82.5ms", "98.25ms"], rows[4]);
    }

    [PrometheusFact]
    public async Task Json_IsTheV1Alpha2Object()
    {
        using var writer = new StringWriter();
        var code = await Run("linkerd", "po", "api-1", edges: false, window: "30s", json: true, writer);
        Assert.Equal(0, code);
        var item = JsonSerializer.Deserialize<TrafficMetrics>(writer.ToString(), MetricsJson.Options)!;
        Assert.Equal("metrics.smi-spec.io/v1alpha2", item.ApiVersion);
        Assert.Equal("Pod", item.Resource.Kind);
        MeshHarness.AssertValues(Expected.Api1, item, 240, "json api-1");
        Assert.Equal("4m0s", item.Window);
        Assert.Equal("30s", item.Metadata.Annotations![MetricsAnnotations.RequestedWindow]);
    }

    [PrometheusFact]
    public async Task Lists_And_Splits_UseTheDirectory()
    {
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

    private Task<int> Run(
        string mesh,
        string kind,
        string? name,
        bool edges,
        string? window,
        bool json,
        TextWriter writer,
        TextWriter? error = null,
        string ns = "shop",
        Inventory.InMemoryResourceDirectory? directory = null) =>
        MetricsCommandRunner.RunAsync(
            fixture.Server(Scrape).BaseAddress.ToString(),
            mesh,
            kind,
            name,
            ns,
            edges,
            window,
            json,
            writer,
            error ?? TextWriter.Null,
            directory: directory ?? MeshHarness.Directory(),
            timeProvider: new FixedTimeProvider(fixture.EvaluationTime));
}
