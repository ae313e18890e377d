using System.CommandLine;
using Smi.Cli.Completion;

namespace Smi.Cli.Commands;

/// <summary><c>smi completion bash|zsh|fish|pwsh</c>: prints a shell completion script.</summary>
internal static class CompletionCommand
{
    public static Command Create(CliConsole console)
    {
        var shell = new Argument<string>("SHELL")
        {
            Description = $"The shell: {string.Join(", ", CompletionScripts.Shells)}.",
            HelpName = string.Join('|', CompletionScripts.Shells),
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
                var match = CompletionScripts.Shells
                    .FirstOrDefault(s => string.Equals(s, text, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    result.AddError(
                        $"no completion script for \"{text}\"; shells: {string.Join(", ", CompletionScripts.Shells)}");
                }

                return match ?? string.Empty;
            },
        };
        shell.CompletionSources.Add(_ => CompletionScripts.Shells);
        var command = new Command(
            "completion",
            "Print a shell completion script for smi and kubectl-smi; it asks smi for the candidates as you type.")
        {
            shell,
        };
        CommandExamples.Add(
            command,
            "source <(smi completion bash)",
            "smi completion zsh > \"${fpath[1]}/_smi\"",
            "smi completion fish | source",
            "smi completion pwsh | Out-String | Invoke-Expression");
        command.SetAction(result =>
        {
            console.Out.Write(CompletionScripts.For(result.GetValue(shell)!));
            return ExitCodes.Success;
        });
        return command;
    }
}
