using System.Diagnostics;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// The controller as a process of its own, with a kubeconfig for the loopback API server, its output written to the
/// test's output with its name in front.
/// </summary>
internal static class ControllerProcess
{
    /// <summary>Starts the controller.</summary>
    /// <param name="command">The program, then its first arguments (<c>dotnet Smi.Controller.dll</c>, or the native
    /// executable alone).</param>
    /// <param name="arguments">The controller's command line.</param>
    /// <param name="kubeconfig">The kubeconfig file, given as <c>KUBECONFIG</c>.</param>
    /// <param name="folder">The working folder.</param>
    /// <param name="name">The name in front of its output lines.</param>
    /// <param name="output">The test's output.</param>
    public static Process Start(
        string[] command,
        IEnumerable<string> arguments,
        string kubeconfig,
        string folder,
        string name,
        ITestOutputHelper output)
    {
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command[1..].Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment.Remove("KUBERNETES_SERVICE_HOST");
        start.Environment.Remove("KUBERNETES_SERVICE_PORT");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Print(output, name, e.Data);
        process.ErrorDataReceived += (_, e) => Print(output, name, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Print(ITestOutputHelper output, string name, string? line)
    {
        if (line is null)
        {
            return;
        }

        try
        {
            output.WriteLine($"[{name}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; the process is being killed.
        }
    }
}
