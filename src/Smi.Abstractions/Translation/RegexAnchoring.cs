namespace Smi.Abstractions.Translation;

/// <summary>
/// SMI path regexes are anchored at the start of the path only, while Envoy (Istio, Consul) and Linkerd match the
/// whole value. These helpers write a pattern that means on a full-match engine what SMI meant.
/// </summary>
/// <remarks>
/// SMI: <c>pathRegex</c> "is anchored (^) to the beginning of the URI"
/// (https://github.com/servicemeshinterface/smi-spec/blob/main/apis/traffic-specs/v1alpha4/traffic-specs.md).
/// Targets, all of which match the whole path: Istio <c>StringMatch.regex</c> (RE2,
/// https://istio.io/latest/docs/reference/config/networking/virtual-service/#StringMatch), Gateway API
/// <c>RegularExpression</c> (https://gateway-api.sigs.k8s.io/reference/spec/#pathmatchtype), Consul
/// <c>pathRegex</c> (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-router) and
/// Linkerd's Rust <c>regex</c> (https://linkerd.io/2-edge/reference/httproute/).
/// </remarks>
public static class RegexAnchoring
{
    /// <summary>
    /// Path <c>P</c> becomes <c>^(?:P).*$</c>: every branch of an alternation is start-anchored and may be followed
    /// by any rest of the path, while a <c>$</c> inside a branch still ends that branch only. The shorter
    /// <c>^(?:P)$</c> is written only where it provably means the same: <c>P</c> ends with an unescaped <c>$</c>
    /// and holds no <c>|</c> at all, so that <c>$</c> ends every match of <c>P</c>.
    /// </summary>
    /// <param name="pathRegex">The SMI pathRegex.</param>
    /// <returns>The full-match pattern, for RE2.</returns>
    public static string FullMatchPath(string pathRegex) => FullMatchPath(pathRegex, PathRegexEngine.Re2);

    /// <summary>
    /// The one rendering of an SMI path regex for every mesh: anchored as <see cref="FullMatchPath(string)"/> says,
    /// with SMI's ASCII Perl and POSIX classes written as explicit ASCII classes (<c>\d</c> as <c>[0-9]</c>, <c>\w</c>
    /// as <c>[0-9A-Za-z_]</c>, <c>\s</c> as <c>[\x20\t\n\f\r]</c>), which RE2 and Rust regex read alike. For
    /// <see cref="PathRegexEngine.RustRegex"/> a word boundary is written <c>(?-u:\b)</c>, Rust's ASCII form.
    /// </summary>
    /// <param name="pathRegex">The SMI pathRegex.</param>
    /// <param name="engine">The engine that runs the result.</param>
    /// <returns>The full-match pattern.</returns>
    public static string FullMatchPath(string pathRegex, PathRegexEngine engine)
    {
        ArgumentNullException.ThrowIfNull(pathRegex);
        var endsEveryMatch = EndsWithAnchor(pathRegex) && !pathRegex.Contains('|', StringComparison.Ordinal);
        var body = AsciiClassRendering.Render(pathRegex, engine);
        return endsEveryMatch ? $"^(?:{body})$" : $"^(?:{body}).*$";
    }

    /// <summary>
    /// Whether a path regex tests a word boundary (<c>\b</c>, <c>\B</c>), which no single pattern gives the same ASCII
    /// meaning under both RE2 (no <c>(?-u)</c> flag) and Rust regex (Unicode <c>\b</c> by default).
    /// </summary>
    /// <param name="pathRegex">The SMI pathRegex.</param>
    /// <returns><see langword="true"/> when the rendering differs between the engines.</returns>
    public static bool HasWordBoundary(string pathRegex)
    {
        ArgumentNullException.ThrowIfNull(pathRegex);
        return AsciiClassRendering.HasWordBoundary(pathRegex);
    }

    /// <summary>
    /// Header value <c>H</c> becomes <c>^(?:H)$</c>: the whole value must match, as SMI's examples assume.
    /// </summary>
    /// <param name="valueRegex">The SMI header regex.</param>
    /// <returns>The full-match pattern, for RE2.</returns>
    public static string FullMatchHeader(string valueRegex) => FullMatchHeader(valueRegex, PathRegexEngine.Re2);

    /// <summary>
    /// Header value <c>H</c> becomes <c>^(?:H)$</c>, with SMI's ASCII classes written out as
    /// <see cref="FullMatchPath(string, PathRegexEngine)"/> writes them, so that Rust regex (Linkerd) does not read
    /// <c>\d</c> or <c>\w</c> as Unicode classes.
    /// </summary>
    /// <param name="valueRegex">The SMI header regex.</param>
    /// <param name="engine">The engine that runs the result.</param>
    /// <returns>The full-match pattern.</returns>
    public static string FullMatchHeader(string valueRegex, PathRegexEngine engine)
    {
        ArgumentNullException.ThrowIfNull(valueRegex);
        return $"^(?:{AsciiClassRendering.Render(valueRegex, engine)})$";
    }

    /// <summary>Whether a pattern ends with an unescaped <c>$</c>.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <returns>
    /// <see langword="true"/> when the last character is a <c>$</c> not preceded by an odd number of backslashes.
    /// </returns>
    public static bool EndsWithAnchor(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!pattern.EndsWith('$'))
        {
            return false;
        }

        var backslashes = 0;
        for (var i = pattern.Length - 2; i >= 0 && pattern[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 0;
    }
}
