using Xunit.Sdk;

namespace Smi.Metrics.Tests;

/// <summary>
/// Runs three real Prometheus servers on 127.0.0.1 for the whole test collection (<c>/usr/bin/prometheus</c> and
/// <c>/usr/bin/promtool</c>, or the paths in <c>SMI_PROMETHEUS</c> and <c>SMI_PROMTOOL</c>), scraping (by their
/// configuration, and by the spacing of their backfilled samples) every 15 s, 30 s and 60 s: the Prometheus
/// Operator's common settings and Prometheus' own default. Each holds the series of <see cref="TrafficModel"/> for all
/// three meshes, written by <see cref="OpenMetricsWriter"/>.
/// </summary>
/// <remarks>
/// <para>
/// Timing: <see cref="EvaluationTime"/> is two minutes in the past; every test queries at exactly that time. Samples
/// are spaced by the scrape interval with a few seconds of jitter, and placed half an interval away from the
/// evaluation time, so no sample sits on a window's edge. Every counter restarts from 0 once, 40 s before the
/// evaluation time (inside every window the tests use), right after a scrape.
/// </para>
/// <para>
/// Why the numbers are exact: each counter grows linearly, and the restart loses nothing (it happens right after a
/// scrape, and the next sample counts everything since), so once Prometheus corrects the reset the series is linear.
/// A window of at least four intervals holds at least four samples; the first and last are within 1.1 average
/// spacings of the window's ends, so <c>increase</c> extrapolates to the whole window and gives rate x window exactly.
/// <c>rate(bucket[W])</c> is the bucket's per-second rate, and histogram_quantile interpolates linearly inside the
/// bucket holding rank q x total, which is how the expected latencies in <see cref="Expected"/> were worked out.
/// </para>
/// </remarks>
public sealed class PrometheusFixture : IAsyncLifetime
{
    /// <summary>The scrape intervals of the three servers, in seconds.</summary>
    public static readonly int[] ScrapeIntervals = [15, 30, 60];

    private static readonly string PrometheusBinary = Environment.GetEnvironmentVariable("SMI_PROMETHEUS") is { Length: > 0 } prometheus ? prometheus : "/usr/bin/prometheus";
    private static readonly string PromtoolBinary = Environment.GetEnvironmentVariable("SMI_PROMTOOL") is { Length: > 0 } promtool ? promtool : "/usr/bin/promtool";
    private readonly IMessageSink sink;
    private readonly Dictionary<int, PrometheusServer> servers = [];

    public PrometheusFixture(IMessageSink sink) => this.sink = sink;

    /// <summary>Why the Prometheus tests cannot run, or <see langword="null"/> when the binaries are there.</summary>
    public static string? Unavailable =>
        FindMissingBinary() is { } missing
            ? $"{missing} is not installed (Debian package 'prometheus'); the Prometheus-backed tests cannot run"
            : null;

    /// <summary>The instant every query is evaluated at.</summary>
    public DateTimeOffset EvaluationTime { get; private set; }

    /// <summary>The server that scrapes every <paramref name="scrapeSeconds"/> seconds.</summary>
    public PrometheusServer Server(int scrapeSeconds)
    {
        Assert.True(Unavailable is null, Unavailable);
        return servers[scrapeSeconds];
    }

    public static string? FindMissingBinary() =>
        !File.Exists(PrometheusBinary) ? PrometheusBinary : !File.Exists(PromtoolBinary) ? PromtoolBinary : null;

    public async Task InitializeAsync()
    {
        if (Unavailable is { } reason)
        {
            sink.OnMessage(new DiagnosticMessage(reason));
            return;
        }

        EvaluationTime = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 120);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var starting = ScrapeIntervals.Select(seconds => PrometheusServer.StartAsync(
            PrometheusBinary,
            PromtoolBinary,
            seconds,
            OpenMetricsWriter.Render(EvaluationTime.ToUnixTimeSeconds(), seconds),
            limit.Token)).ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            foreach (var task in starting.Where(task => task.IsCompletedSuccessfully))
            {
                servers[task.Result.ScrapeSeconds] = task.Result;
            }
        }

        foreach (var server in servers.Values)
        {
            var message = $"Prometheus ({server.ScrapeSeconds}s scrapes) ready at {server.BaseAddress}";
            sink.OnMessage(new DiagnosticMessage(message));
        }
    }

    public Task DisposeAsync()
    {
        foreach (var server in servers.Values)
        {
            server.Dispose();
        }

        servers.Clear();
        return Task.CompletedTask;
    }
}
