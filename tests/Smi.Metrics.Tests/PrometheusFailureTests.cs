using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Smi.Metrics.Api;
using Smi.Metrics.Cli;
using Smi.Metrics.Prometheus;
using Smi.Metrics.Queries;

namespace Smi.Metrics.Tests;

/// <summary>Prometheus down (nothing listening) and slow (never answers): the API answers 503 with the reason, in bounded time.</summary>
public sealed class PrometheusFailureTests
{
    private const string Path = "/apis/metrics.smi-spec.io/v1alpha1/namespaces/shop/deployments/api";

    [Fact]
    public async Task PrometheusDown_Gives503_WithTheReason()
    {
        var port = ClosedPort();
        using var client = new PrometheusClient(new PrometheusClientOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(5),
            MaxRetryAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(20),
        });
        var api = new TrafficMetricsApi(new TrafficMetricsService(client, new LinkerdMetricsQueries(), MeshHarness.Directory()));

        var watch = Stopwatch.StartNew();
        var response = await api.HandleAsync("GET", Path, CancellationToken.None);

        Assert.Equal(503, response.StatusCode);
        var status = JsonNode.Parse(response.Body)!;
        Assert.Equal("ServiceUnavailable", status["reason"]!.GetValue<string>());
        var message = status["message"]!.GetValue<string>();
        Assert.Contains($"cannot reach Prometheus at http://127.0.0.1:{port}/", message, StringComparison.Ordinal);
        Assert.Contains("3 attempts", message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task PrometheusSlow_TimesOut_AndGives503_WithinTheBound()
    {
        await using var silent = new SilentListener();
        using var client = new PrometheusClient(new PrometheusClientOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{silent.Port}/"),
            Timeout = TimeSpan.FromMilliseconds(400),
            MaxRetryAttempts = 1,
            RetryDelay = TimeSpan.FromMilliseconds(20),
        });
        var api = new TrafficMetricsApi(new TrafficMetricsService(client, new IstioMetricsQueries(), MeshHarness.Directory()));

        var watch = Stopwatch.StartNew();
        var response = await api.HandleAsync("GET", Path, CancellationToken.None);
        watch.Stop();

        Assert.Equal(503, response.StatusCode);
        var message = JsonNode.Parse(response.Body)!["message"]!.GetValue<string>();
        Assert.Contains("did not answer within 0.4s (2 attempts)", message, StringComparison.Ordinal);
        Assert.True(silent.Accepted >= 1, "the client never connected");

        // Two attempts of 0.4 s plus a 20 ms delay; allow generous slack for a loaded machine, but it must be bounded.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(780), $"took only {watch.Elapsed}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Runner_ReportsUnavailablePrometheus_WithExitCode1()
    {
        var port = ClosedPort();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await MetricsCommandRunner.RunAsync($"http://127.0.0.1:{port}", "linkerd", "deploy/api", null, "shop", false, null, false, output, error, timeout: TimeSpan.FromSeconds(2));
        Assert.Equal(MetricsCommandRunner.Unavailable, code);
        Assert.Contains("cannot reach Prometheus", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public async Task Client_RetriesTransientAnswers_ThenSucceeds()
    {
        var answers = new Queue<HttpResponseMessage>(
        [
            new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("starting") },
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"pod":"a"},"value":[1,"NaN"]},{"metric":{},"value":[1,"2.5"]}]}}""") },
        ]);
        var handler = new ScriptedHandler(answers);
        using var http = new HttpClient(handler);
        using var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/prom"), BearerToken = "t0ken", RetryDelay = TimeSpan.FromMilliseconds(10) });

        var samples = await client.QueryAsync("up", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("http://127.0.0.1:9/prom/api/v1/query", handler.Requests[0].Uri);
        Assert.Equal("Bearer t0ken", handler.Requests[0].Authorization);
        Assert.Equal("query=up&time=1700000000.000", handler.Requests[0].Body);
        Assert.True(double.IsNaN(samples[0].Value));
        Assert.Equal("a", samples[0].Label("pod"));
        Assert.Equal(2.5, samples[1].Value);
    }

    [Fact]
    public async Task Client_DoesNotRetryRejectedQueries()
    {
        var handler = new ScriptedHandler(new Queue<HttpResponseMessage>(
        [
            new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("""{"status":"error","errorType":"bad_data","error":"parse error"}""") },
        ]));
        using var http = new HttpClient(handler);
        using var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/") });

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => client.QueryAsync("sum(", DateTimeOffset.UnixEpoch, CancellationToken.None));

        Assert.Contains("bad_data", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    private static int ClosedPort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    private sealed class ScriptedHandler(Queue<HttpResponseMessage> answers) : HttpMessageHandler
    {
        public List<(string Uri, string? Authorization, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.RequestUri!.ToString(), request.Headers.Authorization?.ToString(), body));
            return answers.Count > 0 ? answers.Dequeue() : new HttpResponseMessage(HttpStatusCode.InternalServerError);
        }
    }
}
