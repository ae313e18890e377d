using System.CommandLine;

namespace Smi.Cli.Options;

/// <summary>
/// How a command that prints manifests writes them, as in kubectl: <c>-o yaml|json|name</c> picks the format on
/// standard output and <c>--output-dir DIR</c> writes one file per object. <c>--format</c> is still accepted (hidden)
/// for scripts written before <c>-o</c> meant the format.
/// </summary>
internal sealed class ManifestOutputOptions
{
    private static readonly string[] Formats = ["yaml", "json", "name"];

    public ManifestOutputOptions(bool directory)
    {
        Output = new Option<string?>("--output", "-o")
        {
            Description = "The output format: yaml (default), json (a v1 List) or name (kind.group/name per line).",
            HelpName = string.Join('|', Formats),
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? null : result.Tokens[^1].Value;
                if (text is null || Formats.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    return text?.ToLowerInvariant();
                }

                result.AddError(directory
                    ? $"-o selects the output format (yaml, json or name), as in kubectl; to write one file per "
                      + $"object into \"{text}\", use --output-dir {text}"
                    : $"-o selects the output format (yaml, json or name), as in kubectl; \"{text}\" is none of them");
                return null;
            },
        };
        Output.CompletionSources.Add(_ => Formats);
        Format = ChoiceOption.Create("--format", [], ["yaml", "json"], fallback: null);
        Format.Description = "Same as -o yaml|json (kept for older scripts).";
        Format.Hidden = true;
        if (directory)
        {
            Directory = new Option<string?>("--output-dir")
            {
                Description = "Write one file per object (namespace.kind.name.yaml or .json) into this folder "
                    + "instead of standard output.",
                HelpName = "DIR",
            };
        }
    }

    public Option<string?> Output { get; }

    public Option<string> Format { get; }

    public Option<string?>? Directory { get; }

    public IEnumerable<Option> All => Directory is null ? [Output, Format] : [Output, Format, Directory];

    /// <summary>The format from <c>-o</c>, else <c>--format</c>, else YAML.</summary>
    public OutputFormat FormatOf(ParseResult result) => (result.GetValue(Output) ?? result.GetValue(Format)) switch
    {
        "json" => OutputFormat.Json,
        "name" => OutputFormat.Name,
        _ => OutputFormat.Yaml,
    };

    public string? DirectoryOf(ParseResult result) => Directory is null ? null : result.GetValue(Directory);

    /// <summary>Prints why the options clash and returns the usage-error code; null when they do not.</summary>
    public int? Check(ParseResult result, TextWriter error)
    {
        if (DirectoryOf(result) is not null && FormatOf(result) == OutputFormat.Name)
        {
            error.WriteLine("error: -o name prints names only; with --output-dir use -o yaml or -o json");
            return ExitCodes.UsageError;
        }

        return null;
    }
}
