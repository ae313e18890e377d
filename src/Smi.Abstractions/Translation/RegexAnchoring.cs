namespace Smi.Abstractions.Translation;

/// <summary>
/// SMI path regexes are anchored at the start of the path only, while Envoy (Istio, Consul) and Linkerd match the
/// whole value. These helpers write a pattern that means on a full-match engine what SMI meant.
/// </summary>
public static class RegexAnchoring
{
    /// <summary>
    /// Path <c>P</c> becomes <c>^(?:P).*$</c>, or <c>^(?:P)$</c> when <c>P</c> already ends with an unescaped
    /// <c>$</c>. A leading <c>^</c> and trailing <c>$</c> stay legal inside the group.
    /// </summary>
    /// <param name="pathRegex">The SMI pathRegex.</param>
    /// <returns>The full-match pattern.</returns>
    public static string FullMatchPath(string pathRegex)
    {
        ArgumentNullException.ThrowIfNull(pathRegex);
        return EndsWithAnchor(pathRegex) ? $"^(?:{pathRegex})$" : $"^(?:{pathRegex}).*$";
    }

    /// <summary>Header value <c>H</c> becomes <c>^(?:H)$</c>: the whole value must match, as SMI's examples assume.</summary>
    /// <param name="valueRegex">The SMI header regex.</param>
    /// <returns>The full-match pattern.</returns>
    public static string FullMatchHeader(string valueRegex)
    {
        ArgumentNullException.ThrowIfNull(valueRegex);
        return $"^(?:{valueRegex})$";
    }

    /// <summary>Whether a pattern ends with an unescaped <c>$</c>.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <returns><see langword="true"/> when the last character is a <c>$</c> not preceded by an odd number of backslashes.</returns>
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
