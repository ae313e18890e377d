using System.Diagnostics;
using System.Globalization;
using Smi.Testing.ApiServer;

namespace Smi.Fleet;

/// <summary>
/// The controller's executable (the native one, or <c>Smi.Controller.dll</c> run by <c>dotnet</c>) as a child process,
/// with a kubeconfig for the API server and the settings of the run; its log, at warnings and above, is kept to be
/// shown if it exits.
/// </summary>
public sealed class ExecutableController : IMeasuredController
{
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);
    private readonly ProcessStartInfo _start;
    private readonly Queue<string> _log = new();
    private readonly string _folder;
    private Process? _process;

    /// <summary>Prepares the child process; <see cref="StartAsync"/> starts it.</summary>
    /// <param name="executable">The native executable, or <c>Smi.Controller.dll</c>.</param>
    /// <param name="settings">The run's settings (mesh, least time between passes, writes in flight).</param>
    /// <param name="serverUrl">The API server.</param>
    public ExecutableController(string executable, ControllerBenchSettings settings, string serverUrl)
    {
        ArgumentNullException.ThrowIfNull(executable);
        ArgumentNullException.ThrowIfNull(settings);
        var path = Path.GetFullPath(executable);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"--executable: {path} does not exist", nameof(executable));
        }

        _folder = Directory.CreateTempSubdirectory("smi-fleet-controller-").FullName;
        var kubeconfig = Path.Combine(_folder, "kubeconfig");
        File.WriteAllText(kubeconfig, LoopbackKubeconfig.Text(serverUrl, LoopbackApiServer.AdminToken));
        var managed = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        _start = new ProcessStartInfo(managed ? "dotnet" : path)
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "--mesh", settings.Mesh,
            "--leader-elect", "false",
            "--health-port", "0",
            "--secure-port", "0",
            "--Controller:Identity", "smi-fleet",
            "--Controller:Debounce", settings.Debounce.ToString("c", CultureInfo.InvariantCulture),
            "--Controller:MaxConcurrentWrites", settings.MaxConcurrentWrites.ToString(CultureInfo.InvariantCulture),
            "--Controller:ResyncPeriod", TimeSpan.Zero.ToString("c", CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default", "Warning",
        ];
        foreach (var argument in (managed ? [path] : Array.Empty<string>()).Concat(arguments))
        {
            _start.ArgumentList.Add(argument);
        }

        _start.Environment["KUBECONFIG"] = kubeconfig;
        _start.Environment.Remove("KUBERNETES_SERVICE_HOST");
        _start.Environment.Remove("KUBERNETES_SERVICE_PORT");
        Description = managed ? $"dotnet {path} (JIT), a child process" : $"{path}, a child process";
    }

    /// <inheritdoc/>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("the controller is not started");

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public long Passes => -1;

    /// <inheritdoc/>
    public bool CanResync => false;

    /// <inheritdoc/>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join(Environment.NewLine, _log);
            }
        }
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _process = new Process { StartInfo = _start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Idle when the API server has recorded no write for a second; the time it became idle is that of the last
    /// write seen (looked at every 100 ms).
    /// </summary>
    /// <inheritdoc/>
    public async Task<long> WaitIdleAsync(
        FleetApiServerProcess server, long deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var last = string.Empty;
        var changed = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < deadline && Stopwatch.GetElapsedTime(changed) < IdleWindow)
        {
            ThrowIfExited();
            var writes = (await server.SendForJsonAsync("writes", TimeSpan.FromSeconds(30), cancellationToken)
                .ConfigureAwait(false))!.ToJsonString();
            if (writes != last)
            {
                last = writes;
                changed = Stopwatch.GetTimestamp();
            }

            await Task.Delay(IdlePoll, cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }

    /// <inheritdoc/>
    public async Task<bool> ChangeDoneAsync(long passesBefore, bool outputMoved, Func<Task<bool>> statusReported)
    {
        ArgumentNullException.ThrowIfNull(statusReported);
        ThrowIfExited();
        return await statusReported().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void RequestResync() =>
        throw new NotSupportedException("a controller in a child process cannot be asked for a resync");

    /// <inheritdoc/>
    public bool ResyncDone(long passesBefore) => false;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(exited.Token).ConfigureAwait(false);
            _process.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private void ThrowIfExited()
    {
        if (_process is { HasExited: true })
        {
            throw new InvalidOperationException(
                $"the controller exited with {_process.ExitCode}; its last lines:{Environment.NewLine}{Log}");
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            if (_log.Count > 50)
            {
                _log.Dequeue();
            }
        }
    }
}
