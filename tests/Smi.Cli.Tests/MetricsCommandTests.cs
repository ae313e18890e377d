using System.Net;
using System.Net.Sockets;

namespace Smi.Cli.Tests;

public class MetricsCommandTests
{
    [Fact]
    public async Task Metrics_PrometheusDown_ExitsOne_WithReason()
    {
        // A port that was free a moment ago: nothing listens there.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var run = await CliRun.RunAsync("metrics", "deployment/web", "--prometheus", $"http://127.0.0.1:{port}", "--mesh", "linkerd", "-n", "shop", "--timeout", "00:00:01");
        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains("Prometheus", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_UnknownMesh_IsUsageError()
    {
        var run = await CliRun.RunAsync("metrics", "deployment/web", "--prometheus", "http://127.0.0.1:1", "--mesh", "kuma");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
    }

    [Fact]
    public async Task Metrics_BadScrapeInterval_IsUsageError_BeforeAnyQuery()
    {
        var run = await CliRun.RunAsync(
            "metrics", "deployment/web", "--prometheus", "http://127.0.0.1:1", "--mesh", "istio",
            "--scrape-interval", "often");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--scrape-interval \"often\"", run.Error, StringComparison.Ordinal);
    }
}
