using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Smi.Metrics;

namespace Smi.Cli.Options;

/// <summary>
/// A duration written as Prometheus and kubectl write them (<c>500ms</c>, <c>10s</c>, <c>1m</c>, <c>1m30s</c>); the
/// older <c>hh:mm:ss</c> form is still accepted. Help shows the default as written (<c>10s</c>).
/// </summary>
internal static class DurationOption
{
    /// <summary>
    /// The option; its value is null when it is not given (the caller applies <paramref name="fallback"/>, which help
    /// shows as written rather than as <c>00:00:10</c>).
    /// </summary>
    public static Option<TimeSpan?> Create(string name, string description, string fallback) => new(name)
    {
        Description = $"{description} [default: {fallback}]",
        HelpName = "DURATION",
        CustomParser = result => result.Tokens.Count == 0 ? null : Parse(result.Tokens[^1].Value, result),
    };

    /// <summary>Reads a duration such as <c>10s</c>; throws on anything else (for defaults written in code).</summary>
    public static TimeSpan Parse(string text) => PrometheusScrapeInterval.TryParseDuration(text, out var duration)
        ? duration
        : throw new FormatException($"\"{text}\" is not a duration");

    private static TimeSpan Parse(string text, ArgumentResult result)
    {
        if (PrometheusScrapeInterval.TryParseDuration(text, out var duration))
        {
            return duration;
        }

        if (text.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        result.AddError($"\"{text}\" is not a duration such as 10s, 1m or 1m30s");
        return TimeSpan.Zero;
    }
}
