using System.Diagnostics;
using System.Text;

namespace Smi.Fleet;

/// <summary>Starts this program again as a child process (<c>dotnet smi-fleet.dll SUBCOMMAND ...</c>).</summary>
public static class FleetChildProcess
{
    /// <summary>
    /// The environment variable naming the JIT-compiled <c>smi-fleet.dll</c> that a natively compiled (Native AOT)
    /// run starts its child processes from: the loopback API server and the expectation use reflection that a native
    /// build does not carry, and only the process that hosts the controller is measured.
    /// </summary>
    public const string ChildAssemblyVariable = "SMI_FLEET_CHILD_ASSEMBLY";

    /// <summary>The start information for a subcommand of this program, with standard streams redirected.</summary>
    /// <param name="arguments">The subcommand and its options.</param>
    /// <returns>The start information.</returns>
    public static ProcessStartInfo StartInfo(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var assembly = Environment.GetEnvironmentVariable(ChildAssemblyVariable) is { Length: > 0 } named
            ? named
            : typeof(FleetChildProcess).Assembly.Location;
        if (assembly.Length == 0)
        {
            throw new InvalidOperationException(
                $"cannot start a child process from a native build: set {ChildAssemblyVariable} to the JIT-compiled "
                + "smi-fleet.dll (bench/README.md)");
        }

        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"cannot start a child process: {assembly} is missing");
        }

        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? path
            : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>
    /// Runs a subcommand to its end and returns its standard output; the child is killed when it outlives the timeout or
    /// the run is cancelled, and a non-zero exit code throws with the end of its standard error.
    /// </summary>
    /// <param name="arguments">The subcommand and its options.</param>
    /// <param name="timeout">How long it may run.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>Its standard output.</returns>
    public static async Task<string> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException("the child process did not start");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var error = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            var (text, errors) = (await output.ConfigureAwait(false), await error.ConfigureAwait(false));
            return process.ExitCode == 0
                ? text
                : throw new InvalidOperationException($"{string.Join(' ', arguments)} exited with {process.ExitCode}: {Tail(errors)}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
    }

    /// <summary>The last 2,000 characters of a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Its end.</returns>
    public static string Tail(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= 2000 ? text : text[^2000..];
    }
}
