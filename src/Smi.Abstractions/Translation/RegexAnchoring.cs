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
    /// <returns>The full-match pattern.</returns>
    public static string FullMatchPath(string pathRegex)
    {
        ArgumentNullException.ThrowIfNull(pathRegex);
        var endsEveryMatch = EndsWithAnchor(pathRegex) && !pathRegex.Contains('|', StringComparison.Ordinal);
        return endsEveryMatch ? $"^(?:{pathRegex})$" : $"^(?:{pathRegex}).*$";
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
