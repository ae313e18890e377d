using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Smi.Abstractions.Serialization;

namespace Smi.Cli;

/// <summary>
/// <c>--max-file-size</c> and <c>--max-total-size</c>: raise (or lower) how much input a command reads. Sizes are
/// bytes, or a number with a Kubernetes binary suffix (<c>Ki</c>, <c>Mi</c>, <c>Gi</c>).
/// </summary>
internal sealed class InputLimitOptionSet
{
    public Option<long> MaxFileSize { get; } = new("--max-file-size")
    {
        Description = "The largest input file read, in bytes or with Ki/Mi/Gi (default 8Mi).",
        DefaultValueFactory = _ => InputLimits.DefaultMaxFileBytes,
        CustomParser = Parse,
    };

    public Option<long> MaxTotalSize { get; } = new("--max-total-size")
    {
        Description = "The most input read in all, in bytes or with Ki/Mi/Gi (default 128Mi).",
        DefaultValueFactory = _ => InputLimits.DefaultMaxTotalBytes,
        CustomParser = Parse,
    };

    public IEnumerable<Option> All => [MaxFileSize, MaxTotalSize];

    public InputLimits Apply(ParseResult result) => new()
    {
        MaxFileBytes = result.GetValue(MaxFileSize),
        MaxTotalBytes = result.GetValue(MaxTotalSize),
    };

    /// <summary>Reads <c>1048576</c>, <c>512Ki</c>, <c>64Mi</c> or <c>1Gi</c>.</summary>
    internal static long? ParseSize(string text)
    {
        var (digits, factor) = text switch
        {
            _ when text.EndsWith("Ki", StringComparison.Ordinal) => (text[..^2], 1L << 10),
            _ when text.EndsWith("Mi", StringComparison.Ordinal) => (text[..^2], 1L << 20),
            _ when text.EndsWith("Gi", StringComparison.Ordinal) => (text[..^2], 1L << 30),
            _ => (text, 1L),
        };
        const long Largest = long.MaxValue / (1L << 30);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number is > 0 and <= Largest
                ? number * factor
                : null;
    }

    private static long Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (ParseSize(text) is { } size)
        {
            return size;
        }

        result.AddError($"{text} is not a size: give a positive number of bytes, or one with Ki, Mi or Gi (64Mi)");
        return 0;
    }
}
