using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace Smi.Cli;

/// <summary>The Examples section every command's help ends with.</summary>
internal static class CommandExamples
{
    private static readonly ConditionalWeakTable<Command, IReadOnlyList<string>> Examples = [];

    /// <summary>Gives a command the example command lines its help shows.</summary>
    public static void Add(Command command, params string[] examples) => Examples.AddOrUpdate(command, examples);

    /// <summary>The examples of a command; empty when it has none.</summary>
    public static IReadOnlyList<string> Of(Command command) =>
        Examples.TryGetValue(command, out var examples) ? examples : [];

    /// <summary>Makes the help of every command under <paramref name="root"/> end with its examples.</summary>
    public static void ShowInHelp(RootCommand root, CliConsole console)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is { } action)
            {
                help.Action = new HelpWithExamplesAction(action, console);
            }
        }
    }

    /// <summary>The usual help, then an Examples section.</summary>
    private sealed class HelpWithExamplesAction(CommandLineAction help, CliConsole console)
        : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var code = help is SynchronousCommandLineAction synchronous ? synchronous.Invoke(parseResult) : 0;
            var examples = Of(parseResult.CommandResult.Command);
            if (examples.Count > 0)
            {
                console.Out.WriteLine("Examples:");
                foreach (var example in examples)
                {
                    console.Out.WriteLine($"  {example}");
                }

                console.Out.WriteLine();
            }

            return code;
        }
    }
}
