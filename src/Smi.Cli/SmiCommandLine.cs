using System.CommandLine;
using System.CommandLine.Invocation;
using Microsoft.Extensions.DependencyInjection;
using Smi.Cli.Commands;

namespace Smi.Cli;

/// <summary>The <c>smi</c> command line.</summary>
public static class SmiCommandLine
{
    /// <summary>Builds the root command.</summary>
    /// <param name="console">The streams commands use.</param>
    /// <returns>The root command.</returns>
    public static RootCommand Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand(
            "smi: translate, validate and convert Service Mesh Interface (SMI) manifests for the meshes "
            + $"{string.Join(", ", Install.InstallableMeshes.All())}. Also works as a kubectl plugin (kubectl smi).")
        {
            TranslateCommand.Create(console),
            ValidateCommand.Create(console),
            ConvertCommand.Create(console),
            CrdsCommand.Create(console),
            MetricsCommand.Create(console),
            MigrateCommand.Create(console),
            InstallCommand.Create(console),
            UninstallCommand.Create(console),
            KustomizeCommand.Create(console),
            GraphCommand.Create(console),
            ExplainCommand.Create(console),
            DiffCommand.Create(console),
            CheckCommand.Create(console),
            VersionCommand.Create(console),
            CompletionCommand.Create(console),
        };
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new PrintVersionAction(console);
        }

        CommandExamples.Add(
            root,
            "smi translate samples/canary --mesh istio",
            "smi validate manifests/ --mesh linkerd",
            "smi graph manifests/ --format mermaid",
            "kubectl smi version");
        CommandExamples.ShowInHelp(root, console);
        return root;
    }

    /// <summary>Parses and runs a command line. Usage errors exit with 2, input errors with 1.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="console">The streams.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return await RunCommandLineAsync(args, console).ConfigureAwait(false);
    }

    /// <summary>
    /// Parses and runs a command line with more mesh adapters than the tool ships with: every command (help, translate,
    /// install and the others) offers them as it offers its own.
    /// </summary>
    /// <param name="args">The arguments.</param>
    /// <param name="console">The streams.</param>
    /// <param name="adapters">
    /// Registers the adapters, for example <c>smi =&gt; smi.AddAdapter&lt;MyAdapter&gt;()</c>.
    /// </param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, CliConsole console, Action<ISmiBuilder> adapters)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(adapters);
        MeshRegistration.AddHostAdapters(adapters);
        return await RunCommandLineAsync(args, console).ConfigureAwait(false);
    }

    private static async Task<int> RunCommandLineAsync(string[] args, CliConsole console)
    {
        var root = Create(console);
        var parsed = root.Parse(args);
        // Help and the [suggest] directive of the completion scripts run even on an incomplete command line.
        if (parsed.Errors.Count > 0 && parsed.Action is null or ParseErrorAction)
        {
            foreach (var error in parsed.Errors)
            {
                await console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("run 'smi --help' for usage").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error })
            .ConfigureAwait(false);
    }
}
