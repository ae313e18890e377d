using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Validation;

/// <summary>Checks HTTPRouteGroups: match names, methods and regexes.</summary>
public sealed class RouteGroupValidator : ISmiValidator
{
    /// <summary>The methods SMI allows.</summary>
    public static IReadOnlySet<string> Methods { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "*", "GET", "HEAD", "PUT", "POST", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
    };

    /// <inheritdoc/>
    public IEnumerable<Diagnostic> Validate(MeshSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var group in snapshot.RouteGroups)
        {
            var prefix = group.Source.Version is "v1alpha1" or "v1alpha2" ? "matches" : "spec.matches";
            if (group.Matches.IsDefaultOrEmpty)
            {
                var hint = prefix == "spec.matches"
                    ? $"; in {group.Source.ApiVersion} the matches go under spec (top-level matches are the "
                        + "v1alpha1/v1alpha2 layout and are not read)"
                    : string.Empty;
                yield return Diagnostic.Warning(
                    SmiReasons.NoMatches,
                    group.Source,
                    prefix,
                    $"the route group has no matches, so rules and splits that use it match no request{hint}");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < group.Matches.Length; i++)
            {
                var match = group.Matches[i];
                var path = $"{prefix}[{i}]";
                if (string.IsNullOrEmpty(match.Name))
                {
                    yield return Diagnostic.Error(
                        SmiReasons.MissingField,
                        group.Source,
                        $"{path}.name",
                        "each match needs a name that TrafficTargets can refer to");
                }
                else if (!names.Add(match.Name))
                {
                    yield return Diagnostic.Error(
                        SmiReasons.DuplicateMatchName,
                        group.Source,
                        $"{path}.name",
                        $"match name {match.Name} is used twice; give each match its own name");
                }

                if (match.PathRegex is { } pathRegex && RegexDialect.FindProblem(pathRegex) is { } pathProblem)
                {
                    yield return Diagnostic.Error(
                        SmiReasons.UnsupportedRegex,
                        group.Source,
                        $"{path}.pathRegex",
                        $"pathRegex \"{pathRegex}\" uses {pathProblem}; rewrite it without that construct");
                }

                for (var m = 0; m < (match.Methods.IsDefault ? 0 : match.Methods.Length); m++)
                {
                    if (!Methods.Contains(match.Methods[m]))
                    {
                        yield return Diagnostic.Error(
                            SmiReasons.InvalidMethod,
                            group.Source,
                            $"{path}.methods[{m}]",
                            $"method \"{match.Methods[m]}\" is not one of {string.Join(", ", Methods)}");
                    }
                }

                foreach (var header in match.Headers.IsDefault ? [] : match.Headers)
                {
                    if (RegexDialect.FindProblem(header.ValueRegex) is { } headerProblem)
                    {
                        yield return Diagnostic.Error(
                            SmiReasons.UnsupportedRegex,
                            group.Source,
                            $"{path}.headers.{header.Name}",
                            $"header regex \"{header.ValueRegex}\" uses {headerProblem}; rewrite it without that "
                                + "construct");
                    }
                }
            }
        }
    }
}
