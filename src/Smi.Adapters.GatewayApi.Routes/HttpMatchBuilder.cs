using System.Text.RegularExpressions;
using Smi.Abstractions.Model;
using Smi.Abstractions.Translation;
using Smi.Adapters.GatewayApi.Routes.Resources;

namespace Smi.Adapters.GatewayApi.Routes;

/// <summary>
/// Writes an SMI HTTPRouteGroup match as HTTPRoute matches: one per method (HTTPRoute takes one method per match),
/// full-match regexes for path and headers (meshes such as Linkerd accept a regex match only when it spans the whole
/// value).
/// </summary>
internal static partial class HttpMatchBuilder
{
    private const int MaxPathLength = 1024;
    private const int MaxHeaderValueLength = 4096;
    private const int MaxHeaders = 16;

    /// <summary>Builds the matches.</summary>
    /// <param name="match">The SMI match.</param>
    /// <param name="engine">
    /// The regex engine of the one implementation that reads the route (Linkerd: Rust regex), or
    /// <see langword="null"/> when any Gateway API implementation may read it (Istio: RE2, Linkerd: Rust regex).
    /// </param>
    /// <param name="problem">Why it cannot be expressed, or <see langword="null"/>.</param>
    /// <returns>The HTTPRoute matches, ORed; empty when <paramref name="problem"/> is set.</returns>
    public static IReadOnlyList<HttpRouteMatch> Build(RouteMatch match, PathRegexEngine? engine, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(match);
        problem = FindProblem(match, engine);
        if (problem is not null)
        {
            return [];
        }

        var path = match.AnyPath ? null : new HttpPathMatch { Value = RenderPath(match.PathRegex!, engine) };
        var methods = match.AnyMethod
            ? [null]
            : match.Methods.Distinct(StringComparer.Ordinal).Select(m => (string?)m).ToList();
        return [.. methods.Select(method => new HttpRouteMatch
        {
            Path = path,
            Method = method,
            Headers = match.Headers.IsDefaultOrEmpty
                ? null
                : [.. match.Headers.Select(h => new HttpHeaderMatch
                {
                    Name = h.Name,
                    Value = RegexAnchoring.FullMatchHeader(h.ValueRegex, engine ?? PathRegexEngine.Re2),
                })],
        })];
    }

    /// <summary>The number of HTTPRoute matches <see cref="Build"/> makes of a match.</summary>
    /// <param name="match">The SMI match.</param>
    /// <returns>The count.</returns>
    public static int Count(RouteMatch match) =>
        match.AnyMethod ? 1 : match.Methods.Distinct(StringComparer.Ordinal).Count();

    private static string RenderPath(string pathRegex, PathRegexEngine? engine) =>
        RegexAnchoring.FullMatchPath(pathRegex, engine ?? PathRegexEngine.Re2);

    private static string? FindProblem(RouteMatch match, PathRegexEngine? engine)
    {
        if (!match.AnyPath && engine is null && RegexAnchoring.HasWordBoundary(match.PathRegex!))
        {
            // SMI's \b is ASCII (Go regexp); Istio reads \b as RE2 (ASCII) and Linkerd as Rust regex (Unicode), and
            // RE2 has no (?-u) flag to ask Rust for the ASCII form.
            return $"pathRegex of match {match.Name} tests a word boundary (\\b or \\B), which RE2 (Istio) and Rust "
                + "regex (Linkerd) read differently; rewrite it without \\b";
        }

        var boundary = match.Headers.IsDefault
            ? null
            : match.Headers.FirstOrDefault(h => RegexAnchoring.HasWordBoundary(h.ValueRegex));
        if (engine is null && boundary is not null)
        {
            return $"header {boundary.Name} regex of match {match.Name} tests a word boundary (\\b or \\B), which RE2 "
                + "(Istio) and Rust regex (Linkerd) read differently; rewrite it without \\b";
        }

        if (!match.AnyPath && RenderPath(match.PathRegex!, engine).Length > MaxPathLength)
        {
            return $"pathRegex of match {match.Name} is longer than the {MaxPathLength} characters HTTPRoute allows";
        }

        if (!match.Headers.IsDefaultOrEmpty && match.Headers.Length > MaxHeaders)
        {
            return $"match {match.Name} tests {match.Headers.Length} headers; HTTPRoute allows {MaxHeaders}";
        }

        foreach (var header in match.Headers.IsDefault ? [] : match.Headers)
        {
            if (!HeaderName().IsMatch(header.Name))
            {
                return $"header name '{header.Name}' of match {match.Name} is not a valid HTTP header name";
            }

            if (RegexAnchoring.FullMatchHeader(header.ValueRegex, engine ?? PathRegexEngine.Re2).Length
                > MaxHeaderValueLength)
            {
                return $"the regex for header {header.Name} of match {match.Name} is longer than the " +
                    $"{MaxHeaderValueLength} characters HTTPRoute allows";
            }
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+\\-.^_`|~]{1,256}$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderName();
}
