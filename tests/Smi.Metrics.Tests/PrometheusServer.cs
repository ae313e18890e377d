using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Smi.Metrics.Prometheus;

namespace Smi.Metrics.Tests;

/// <summary>
/// One real Prometheus process on 127.0.0.1 whose configuration says <c>scrape_interval: &lt;n&gt;s</c> and whose data
/// directory was backfilled (<c>promtool tsdb create-blocks-from openmetrics</c>) with series sampled at that same
/// interval.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> logLines = new();
    private readonly string workDirectory;
    private Process? process;

    private PrometheusServer(int scrapeSeconds, string workDirectory)
    {
        ScrapeSeconds = scrapeSeconds;
        this.workDirectory = workDirectory;
    }

    /// <summary>The scrape interval the configuration claims and the samples are spaced by (with jitter).</summary>
    public int ScrapeSeconds { get; }

    /// <summary>The running server, for example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1:1/");

    /// <summary>The last lines Prometheus logged, for failure messages.</summary>
    public string Log => string.Join('\n', logLines.TakeLast(20));

    public static async Task<PrometheusServer> StartAsync(
        string prometheus, string promtool, int scrapeSeconds, string openMetrics, CancellationToken cancellationToken)
    {
        var workDirectory = Directory.CreateTempSubdirectory($"smi-metrics-prometheus-{scrapeSeconds}s-").FullName;
        var server = new PrometheusServer(scrapeSeconds, workDirectory);
        try
        {
            await server.StartAsync(prometheus, promtool, openMetrics, cancellationToken);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public PrometheusClient CreateClient(TimeSpan? timeout = null) => new(new PrometheusClientOptions
    {
        BaseAddress = BaseAddress,
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
        MaxRetryAttempts = 1,
        RetryDelay = TimeSpan.FromMilliseconds(50),
    });

    public void Dispose()
    {
        if (process is not null)
        {
            Kill(process);
            process = null;
        }

        try
        {
            Directory.Delete(workDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartAsync(
        string prometheus, string promtool, string openMetrics, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(workDirectory, "data");
        var series = Path.Combine(workDirectory, "series.om");
        await File.WriteAllTextAsync(series, openMetrics, cancellationToken);
        string[] backfill = ["tsdb", "create-blocks-from", "openmetrics", series, dataDirectory];
        var (exitCode, output) = await RunToEndAsync(promtool, backfill, TimeSpan.FromSeconds(180));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"promtool backfill failed ({exitCode}):\n{output}");
        }

        var config = Path.Combine(workDirectory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"global:\n  scrape_interval: {ScrapeSeconds}s\n", cancellationToken);
        for (var attempt = 0; attempt < 3 && process is null; attempt++)
        {
            var port = FreePort();
            var candidate = Start(prometheus, config, dataDirectory, port);
            if (await WaitReadyAsync(candidate, port, TimeSpan.FromSeconds(90)))
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

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(
        string file, string[] arguments, TimeSpan limit)
    {
        var info = Redirected(file);
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
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {limit}");
        }

        return (child.ExitCode, await stdout + await stderr);
    }

    private static async Task<bool> WaitReadyAsync(Process candidate, int port, TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (candidate.HasExited)
            {
                return false;
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/-/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        return false;
    }

    private Process Start(string prometheus, string config, string dataDirectory, int port)
    {
        var info = Redirected(prometheus);
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

    private static ProcessStartInfo Redirected(string file) =>
        new(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };

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
}
