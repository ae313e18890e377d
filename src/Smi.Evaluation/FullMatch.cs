using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Smi.Evaluation;

/// <summary>
/// Regex matching as the meshes apply route patterns: the whole value must match (Envoy's <c>safe_regex</c> and
/// Istio's <c>regex</c> StringMatch, Gateway API <c>RegularExpression</c> as Istio and Linkerd implement it). Mesh
/// patterns are read with the engine's own semantics through <see cref="Re2Pattern"/>; SMI's own regexes (which the
/// specification does not tie to an engine) are read as .NET reads them.
/// </summary>
internal static class FullMatch
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>Whether the whole value matches the pattern under the mesh engine's semantics.</summary>
    /// <remarks>A pattern the engine refuses matches nothing: the mesh rejects such a route.</remarks>
    public static bool IsMatch(string pattern, string value, RegexDialect dialect) => Cache
        .GetOrAdd($"{dialect}:{pattern}", _ => Compile(pattern, dialect))
        .IsMatch(value);

    /// <summary>Whether the whole value matches the pattern (an SMI header regex).</summary>
    public static bool IsMatch(string pattern, string value) => Cache
        .GetOrAdd(pattern, p => new Regex($"\\A(?:{p})\\z", RegexOptions.CultureInvariant, Timeout))
        .IsMatch(value);

    /// <summary>Whether the value matches the pattern from its start (SMI's path regex).</summary>
    public static bool IsMatchFromStart(string pattern, string value) => Cache
        .GetOrAdd("start:" + pattern, _ => new Regex($"\\A(?:{pattern})", RegexOptions.CultureInvariant, Timeout))
        .IsMatch(value);

    /// <summary>
    /// The full-match .NET regex of a mesh pattern; one that never matches when the engine refuses it.
    /// </summary>
    internal static Regex Compile(string pattern, RegexDialect dialect)
    {
        Re2Pattern parsed;
        try
        {
            parsed = Re2Pattern.Parse(pattern, dialect);
        }
        catch (ArgumentException)
        {
            return new Regex("[^\\s\\S]", RegexOptions.NonBacktracking);
        }

        var options = parsed.NeedsBacktracking
            ? RegexOptions.CultureInvariant
            : RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
        return new Regex($"\\A(?:{parsed.DotNet})\\z", options, Timeout);
    }
}
