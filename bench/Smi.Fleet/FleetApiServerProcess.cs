using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Smi.Fleet;

/// <summary>
/// The parent's side of <see cref="FleetApiServer"/>: starts <c>dotnet smi-fleet.dll serve</c> as a child process,
/// sends it one command at a time with a deadline, and reads its working set from <c>/proc</c>. Disposing closes its
/// input, which ends it, and kills it when it has not ended within 10 s; it is also killed when this process exits.
/// </summary>
public sealed class FleetApiServerProcess : IAsyncDisposable
{
    private const int ErrorTailLength = 4000;
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly Lock _errorsGate = new();
    private int _disposed;

    private FleetApiServerProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) => KeepError(e.Data);
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    /// <summary>The server's address, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>The child's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the server process and waits for its address.</summary>
    /// <param name="mesh">The mesh whose CRDs it installs.</param>
    /// <param name="watchHistory">Its watch history, in events.</param>
    /// <param name="timeout">How long the start may take.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <returns>The running server process.</returns>
    public static async Task<FleetApiServerProcess> StartAsync(string mesh, int watchHistory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var process = Process.Start(FleetChildProcess.StartInfo(
            ["serve", "--mesh", mesh, "--watch-history", watchHistory.ToString(CultureInfo.InvariantCulture)]))
            ?? throw new InvalidOperationException("the API server process did not start");
        var server = new FleetApiServerProcess(process);
        try
        {
            var line = await server.ReadAnswerAsync(timeout, cancellationToken).ConfigureAwait(false);
            if (!line.StartsWith("url ", StringComparison.Ordinal) || !new Uri(line[4..]).IsLoopback)
            {
                throw new InvalidOperationException($"the API server process printed '{line}' instead of its loopback address");
            }

            server.Url = line[4..];
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends one command and returns its answer; an <c>error</c> answer throws.</summary>
    /// <param name="command">The command line.</param>
    /// <param name="timeout">How long the answer may take.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The answer.</returns>
    public async Task<string> SendAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        var answer = await ReadAnswerAsync(timeout, cancellationToken).ConfigureAwait(false);
        return answer.StartsWith("error ", StringComparison.Ordinal)
            ? throw new InvalidOperationException($"the API server process answered '{command}' with: {answer[6..]}")
            : answer;
    }

    /// <summary>Sends a command whose answer is JSON and parses it.</summary>
    /// <param name="command">The command line.</param>
    /// <param name="timeout">How long the answer may take.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The answer; null for <c>null</c>.</returns>
    public async Task<JsonNode?> SendForJsonAsync(string command, TimeSpan timeout, CancellationToken cancellationToken) =>
        JsonNode.Parse(await SendAsync(command, timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>The server process's working set and its peak, from <c>/proc/PID/status</c>.</summary>
    /// <returns>The bytes.</returns>
    public ProcessMemoryStatus Memory() => ProcessMemory.Read(_process.Id);

    /// <summary>Closes the server's input, waits up to 10 s for it to end, then kills it.</summary>
    /// <returns>When it has ended.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        try
        {
            _process.StandardInput.Close();
            using var ended = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(ended.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // Not ended in time, or the pipe is already gone: killed below.
        }
        finally
        {
            Kill();
            _process.Dispose();
        }
    }

    private async Task<string> ReadAnswerAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await _process.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"the API server process ended: {Errors()}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the API server process did not answer within {timeout.TotalSeconds:F0} s: {Errors()}");
        }
    }

    private void KeepError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_errorsGate)
        {
            _errors.AppendLine(line);
            if (_errors.Length > ErrorTailLength)
            {
                _errors.Remove(0, _errors.Length - ErrorTailLength);
            }
        }
    }

    private string Errors()
    {
        lock (_errorsGate)
        {
            return _errors.Length == 0 ? "(nothing on standard error)" : _errors.ToString();
        }
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
