using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Smi.Metrics.Prometheus;
using Xunit.Sdk;

namespace Smi.Metrics.Tests;

/// <summary>
/// Runs the real Prometheus server on 127.0.0.1 for the whole test collection (<c>/usr/bin/prometheus</c> and
/// <c>/usr/bin/promtool</c>, or the paths in <c>SMI_PROMETHEUS</c> and <c>SMI_PROMTOOL</c>). Before starting it, the fixture writes
/// the series of <see cref="TrafficModel"/> for all three meshes as OpenMetrics and backfills them into a fresh data
/// directory with <c>promtool tsdb create-blocks-from openmetrics</c>.
/// </summary>
/// <remarks>
/// <para>
/// Timing: <see cref="EvaluationTime"/> is a multiple of 15 seconds, two minutes in the past; samples run every 15
/// seconds from ten minutes before it up to and including it. Every test queries at exactly that time.
/// </para>
/// <para>
/// Why the numbers are exact: each counter grows linearly, so for a window W that is a multiple of 15 s the samples
/// at T-W and T both exist and Prometheus 2.x (range selectors include both ends) computes
/// <c>increase = v(T) - v(T-W)</c> with extrapolation factor (W + 0 + 0) / W = 1, i.e. rate x W exactly. Were the
/// left end excluded (Prometheus 3), the first sample would be at T-W+15 and extrapolation would extend the sampled
/// interval by 15 s (less than 1.1 x the 15 s spacing) back to W; for a linear counter that is again rate x W. Either
/// way <c>rate(bucket[W])</c> is the bucket's per-second rate, and histogram_quantile interpolates linearly inside the
/// bucket holding rank q x total, which is how the expected latencies in <see cref="Expected"/> were worked out.
/// </para>
/// </remarks>
public sealed class PrometheusFixture : IAsyncLifetime
{
    private static readonly string PrometheusBinary = Environment.GetEnvironmentVariable("SMI_PROMETHEUS") is { Length: > 0 } prometheus ? prometheus : "/usr/bin/prometheus";
    private static readonly string PromtoolBinary = Environment.GetEnvironmentVariable("SMI_PROMTOOL") is { Length: > 0 } promtool ? promtool : "/usr/bin/promtool";
    private readonly IMessageSink sink;
    private Process? process;
    private string? workDirectory;

    public PrometheusFixture(IMessageSink sink) => this.sink = sink;

    /// <summary>Why the Prometheus tests cannot run, or <see langword="null"/> when Prometheus is up.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>The running server, for example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1:1/");

    /// <summary>The instant every query is evaluated at.</summary>
    public DateTimeOffset EvaluationTime { get; private set; }

    /// <summary>How many series were backfilled.</summary>
    public int SeriesCount { get; private set; }

    /// <summary>The last lines Prometheus logged, for failure messages.</summary>
    public string Log => logLines.IsEmpty ? string.Empty : string.Join('\n', logLines.TakeLast(20));

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> logLines = new();

    public static string? FindMissingBinary() =>
        !File.Exists(PrometheusBinary) ? PrometheusBinary : !File.Exists(PromtoolBinary) ? PromtoolBinary : null;

    public PrometheusClient CreateClient(TimeSpan? timeout = null) => new(new PrometheusClientOptions
    {
        BaseAddress = BaseAddress,
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
        MaxRetryAttempts = 1,
        RetryDelay = TimeSpan.FromMilliseconds(50),
    });

    public async Task InitializeAsync()
    {
        if (FindMissingBinary() is { } missing)
        {
            Unavailable = $"{missing} is not installed (Debian package 'prometheus'); the Prometheus-backed tests cannot run";
            sink.OnMessage(new DiagnosticMessage(Unavailable));
            return;
        }

        workDirectory = Directory.CreateTempSubdirectory("smi-metrics-prometheus-").FullName;
        var dataDirectory = Path.Combine(workDirectory, "data");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var end = (now / OpenMetricsWriter.StepSeconds * OpenMetricsWriter.StepSeconds) - 120;
        var start = end - 600;
        EvaluationTime = DateTimeOffset.FromUnixTimeSeconds(end);

        var openMetrics = Path.Combine(workDirectory, "series.om");
        var text = OpenMetricsWriter.Render(start, end);
        await File.WriteAllTextAsync(openMetrics, text).ConfigureAwait(false);
        SeriesCount = text.Split('\n').Count(line => line.EndsWith(" " + start, StringComparison.Ordinal));

        var (exitCode, output) = await RunToEndAsync(PromtoolBinary, ["tsdb", "create-blocks-from", "openmetrics", openMetrics, dataDirectory], TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"promtool backfill failed ({exitCode}):\n{output}");
        }

        var config = Path.Combine(workDirectory, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 1m\n").ConfigureAwait(false);

        for (var attempt = 0; attempt < 3 && process is null; attempt++)
        {
            var port = FreePort();
            var candidate = Start(config, dataDirectory, port);
            if (await WaitReadyAsync(candidate, port, TimeSpan.FromSeconds(60)).ConfigureAwait(false))
            {
                process = candidate;
                BaseAddress = new Uri($"http://127.0.0.1:{port}/");
            }
            else
            {
                Kill(candidate);
            }
        }

        if (process is null)
        {
            throw new InvalidOperationException("Prometheus did not become ready on 127.0.0.1:\n" + Log);
        }

        sink.OnMessage(new DiagnosticMessage($"Prometheus ready at {BaseAddress} with {SeriesCount} backfilled series, evaluation time {EvaluationTime:O}"));
    }

    public Task DisposeAsync()
    {
        if (process is not null)
        {
            Kill(process);
            process = null;
        }

        if (workDirectory is not null)
        {
            try
            {
                Directory.Delete(workDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    private static void Kill(Process candidate)
    {
        try
        {
            if (!candidate.HasExited)
            {
                candidate.Kill(entireProcessTree: true);
                candidate.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        candidate.Dispose();
    }

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(string file, string[] arguments, TimeSpan limit)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var child = Process.Start(info) ?? throw new InvalidOperationException("could not start " + file);
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await child.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {limit}");
        }

        return (child.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    private Process Start(string config, string dataDirectory, int port)
    {
        var info = new ProcessStartInfo(PrometheusBinary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--config.file=" + config,
            "--storage.tsdb.path=" + dataDirectory,
            "--web.listen-address=127.0.0.1:" + port,
            "--storage.tsdb.retention.time=15d",
            "--log.level=warn",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var started = new Process { StartInfo = info };
        started.OutputDataReceived += (_, e) => Remember(e.Data);
        started.ErrorDataReceived += (_, e) => Remember(e.Data);
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        logLines.Enqueue(line);
        while (logLines.Count > 200 && logLines.TryDequeue(out _))
        {
        }
    }

    private static async Task<bool> WaitReadyAsync(Process candidate, int port, TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (candidate.HasExited)
            {
                return false;
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/-/ready")).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        return false;
    }
}
