using Microsoft.Extensions.DependencyInjection;

namespace Smi.Cli.Tests;

/// <summary>Runs the smi command line in process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args) => await RunWithInputAsync(string.Empty, args);

    /// <summary>Runs the command line with more adapters registered, as a host of the command line would.</summary>
    public static async Task<CliRun> RunWithAdaptersAsync(Action<ISmiBuilder> adapters, params string[] args)
    {
        using var input = new StringReader(string.Empty);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SmiCommandLine.RunAsync(args, new CliConsole(input, output, error), adapters);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static async Task<CliRun> RunWithInputAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SmiCommandLine.RunAsync(args, new CliConsole(input, output, error));
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
