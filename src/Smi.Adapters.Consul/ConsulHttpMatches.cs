using Smi.Abstractions.Model;
using Smi.Abstractions.Translation;
using Smi.Adapters.Consul.Resources;

namespace Smi.Adapters.Consul;

/// <summary>Writes SMI HTTP matches as Consul HTTP conditions.</summary>
internal static class ConsulHttpMatches
{
    /// <summary>
    /// Path regex <c>P</c> becomes the full-match <c>^(?:P).*$</c>; methods stay (none for <c>*</c>); header values
    /// become full-match regexes. A match without any condition becomes <c>pathPrefix: /</c>, which Consul reads as
    /// every request.
    /// </summary>
    /// <param name="match">The SMI match.</param>
    /// <returns>The Consul condition.</returns>
    public static ConsulHttpMatch From(RouteMatch match)
    {
        var result = new ConsulHttpMatch
        {
            PathRegex = match.AnyPath ? null : RegexAnchoring.FullMatchPath(match.PathRegex!),
            Methods = match.AnyMethod ? null : [.. match.Methods.Distinct(StringComparer.Ordinal)],
            Header = match.Headers.IsDefaultOrEmpty
                ? null
                : [.. match.Headers.Select(h => new ConsulHeaderMatch
                {
                    Name = h.Name,
                    Regex = RegexAnchoring.FullMatchHeader(h.ValueRegex),
                })],
        };
        if (result.PathRegex is null && result.Methods is null && result.Header is null)
        {
            result.PathPrefix = "/";
        }

        return result;
    }

    /// <summary>A condition every request meets.</summary>
    /// <returns><c>pathPrefix: /</c>.</returns>
    public static ConsulHttpMatch Everything() => new() { PathPrefix = "/" };

    /// <summary>A text key that identifies a condition, to drop duplicates.</summary>
    /// <param name="match">The condition.</param>
    /// <returns>The key.</returns>
    public static string Key(ConsulHttpMatch match) =>
        string.Join(
            "\u0001",
            match.PathPrefix ?? string.Empty,
            match.PathRegex ?? string.Empty,
            string.Join(",", match.Methods ?? []),
            string.Join(",", (match.Header ?? []).Select(h => $"{h.Name}={h.Regex}")));
}
