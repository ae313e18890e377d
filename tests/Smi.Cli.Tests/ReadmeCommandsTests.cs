using System.Text.RegularExpressions;
using Smi.Testing;

namespace Smi.Cli.Tests;

/// <summary>
/// Every <c>smi</c> command in the shell blocks of the README's install, upgrade, uninstall, Flagger and Argo Rollouts
/// sections runs offline as written (what follows a pipe or a redirection is the cluster's part and is not run).
/// </summary>
public partial class ReadmeCommandsTests
{
    private static readonly string[] Sections =
    [
        "Install in a cluster", "Upgrade", "Uninstall", "Use with Flagger", "Use with Argo Rollouts",
        "Moving off linkerd-smi",
    ];

    public static TheoryData<string, string> Commands()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var data = new TheoryData<string, string>();
        foreach (var section in Sections)
        {
            var start = readme.IndexOf($"# {section}\n", StringComparison.Ordinal);
            Assert.True(start >= 0, $"README.md has no section \"{section}\"");
            var next = HeadingPattern().Match(readme, start + section.Length + 2);
            var text = readme[start..(next.Success ? next.Index : readme.Length)]
                .Replace("\\\n", " ", StringComparison.Ordinal);
            foreach (Match block in ShellBlockPattern().Matches(text))
            {
                foreach (Match command in CommandPattern().Matches(block.Groups["body"].Value))
                {
                    data.Add(section, command.Groups["command"].Value.Trim());
                }
            }
        }

        return data;
    }

    [Fact]
    public void EverySection_HasACommand()
    {
        var sections = Commands().Select(row => (string)row[0]).ToHashSet();

        Assert.Equal(Sections.Where(s => s != "Moving off linkerd-smi").Order(), sections.Order());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_RunsOffline(string section, string command)
    {
        var output = Directory.CreateTempSubdirectory("smi-readme-");
        try
        {
            var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
            var args = words.Select((word, i) =>
                i > 0 && words[i - 1] is "--output-dir" ? output.FullName
                : i > 0 && Path.Exists(Path.Combine(RepositoryPaths.Root, word))
                    ? Path.Combine(RepositoryPaths.Root, word)
                : word).ToArray();

            var run = await CliRun.RunAsync(args);

            Assert.True(run.ExitCode == ExitCodes.Success, $"{section}: `{command}` failed:\n{run.Error}");
            Assert.False(string.IsNullOrWhiteSpace(run.Out), $"{section}: `{command}` printed nothing");
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    public static TheoryData<string> CliCommands() =>
        [.. SmiCommandLine.Create(new CliConsole(TextReader.Null, TextWriter.Null, TextWriter.Null)).Subcommands
            .Select(c => c.Name)];

    /// <summary>The CLI reference has a section per command with an example that runs offline as written.</summary>
    [Theory]
    [MemberData(nameof(CliCommands))]
    public async Task CliReference_HasARunnableExample_OfEveryCommand(string name)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = readme.IndexOf($"### `smi {name}", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md's CLI reference has no section for smi {name}");
        var next = HeadingPattern().Match(readme, start + 4);
        var section = readme[start..(next.Success ? next.Index : readme.Length)];
        var example = ShellBlockPattern().Matches(section)
            .SelectMany(b => CommandPattern().Matches(b.Groups["body"].Value))
            .Select(m => m.Groups["command"].Value.Trim())
            .FirstOrDefault(c => c.StartsWith($"smi {name}", StringComparison.Ordinal));
        Assert.True(example is not null, $"the section of smi {name} has no example");
        if (name is "metrics" or "diff" or "check")
        {
            // They read a Prometheus server or a cluster (MetricsCommandTests, DiffCommandTests and
            // CheckCommandTests run them against one); here they must parse.
            var root = SmiCommandLine.Create(new CliConsole(TextReader.Null, TextWriter.Null, TextWriter.Null));
            Assert.Empty(root.Parse(example!.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]).Errors);
        }
        else
        {
            await Command_RunsOffline("CLI reference", example!);
        }
    }

    [GeneratedRegex(@"^#{2,3} ", RegexOptions.Multiline)]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^\s*```sh\n(?<body>.*?)^\s*```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShellBlockPattern();

    /// <summary>A line that starts with smi, up to a pipe or a redirection.</summary>
    [GeneratedRegex(@"^\s*(?<command>smi [^|>\n]+)", RegexOptions.Multiline)]
    private static partial Regex CommandPattern();
}
