using System.Diagnostics;
using System.Text;

namespace Smi.Testing;

/// <summary>The outcome of one command: its exit code and everything it printed.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output and standard error, interleaved.</param>
public sealed record ExternalCommandResult(int ExitCode, string Output);

/// <summary>Runs a program (dotnet, npm, a linter) from a test, bounded in time.</summary>
public static class ExternalCommand
{
    /// <summary>Runs <c>dotnet</c> with the arguments, waiting at most <paramref name="timeout"/>.</summary>
    /// <param name="workingDirectory">The folder to run in.</param>
    /// <param name="timeout">How long to wait before the process tree is killed and the test fails.</param>
    /// <param name="arguments">The arguments, each passed as one argument.</param>
    /// <returns>The exit code and the output.</returns>
    public static Task<ExternalCommandResult> DotnetAsync(
        string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunAsync("dotnet", workingDirectory, timeout, arguments);

    /// <summary>Runs <paramref name="program"/> with the arguments, waiting at most <paramref name="timeout"/>.</summary>
    /// <param name="program">The program: a name looked up on PATH, or a path.</param>
    /// <param name="workingDirectory">The folder to run in.</param>
    /// <param name="timeout">How long to wait before the process tree is killed and the test fails.</param>
    /// <param name="arguments">The arguments, each passed as one argument.</param>
    /// <returns>The exit code and the output.</returns>
    /// <exception cref="TimeoutException">The command did not finish in time.</exception>
    public static async Task<ExternalCommandResult> RunAsync(
        string program, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"{program} {string.Join(' ', arguments)} did not finish within {timeout}:\n{Snapshot(output)}");
        }

        return new ExternalCommandResult(process.ExitCode, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
