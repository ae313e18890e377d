using System.CommandLine;

namespace Smi.Cli.Options;

/// <summary>
/// <c>--output-dir DIR</c> for commands that only ever write a folder (<c>migrate</c>, <c>kustomize</c>). The older
/// <c>--output</c>/<c>-o DIR</c> is still accepted (hidden), except for a format word, which would have created a
/// folder named <c>yaml</c>.
/// </summary>
internal sealed class OutputDirectoryOption
{
    private static readonly string[] FormatWords = ["yaml", "json", "name", "wide"];

    public OutputDirectoryOption(string description)
    {
        Directory = new Option<string?>("--output-dir") { Description = description, HelpName = "DIR" };
        Legacy = new Option<string?>("--output", "-o")
        {
            Hidden = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? null : result.Tokens[^1].Value;
                if (text is not null && FormatWords.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    result.AddError($"this command writes a folder, not a format: name it with --output-dir DIR "
                        + $"(-o {text} would have created a folder named \"{text}\")");
                }

                return text;
            },
        };
    }

    public Option<string?> Directory { get; }

    public Option<string?> Legacy { get; }

    public IEnumerable<Option> All => [Directory, Legacy];

    /// <summary>The folder, or null (after printing why) when none was given.</summary>
    public string? Of(ParseResult result, TextWriter error)
    {
        var folder = result.GetValue(Directory) ?? result.GetValue(Legacy);
        if (string.IsNullOrEmpty(folder))
        {
            error.WriteLine("error: name the output folder with --output-dir DIR");
        }

        return string.IsNullOrEmpty(folder) ? null : folder;
    }
}
