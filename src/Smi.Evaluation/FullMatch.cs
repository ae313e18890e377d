using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Smi.Evaluation;

/// <summary>
/// Regex matching as Envoy (RE2) and Linkerd (Rust regex) apply route patterns: the whole value must match. The
/// patterns the adapters write use the syntax the three engines share, which .NET reads the same way.
/// </summary>
internal static class FullMatch
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>Whether the whole value matches the pattern.</summary>
    public static bool IsMatch(string pattern, string value) => Cache
        .GetOrAdd(pattern, p => new Regex($"\\A(?:{p})\\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        .IsMatch(value);

    /// <summary>Whether the value matches the pattern from its start (SMI's path regex).</summary>
    public static bool IsMatchFromStart(string pattern, string value) => Cache
        .GetOrAdd("start:" + pattern, _ => new Regex(
            $"\\A(?:{pattern})", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        .IsMatch(value);
}
