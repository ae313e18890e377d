using System.Text;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.Istio.Access;

/// <summary>
/// Reduces SMI regexes to the string forms an Istio AuthorizationPolicy understands, only where the result means
/// exactly the same: a superset would allow what SMI denies, a subset would break clients.
/// </summary>
internal static class AuthorizationPatterns
{
    /// <summary>
    /// Reduces a path regex, which SMI anchors at the start only: a literal <c>L</c> or <c>L.*</c> is the prefix
    /// <c>L*</c>, <c>L$</c> the exact path <c>L</c>, <c>.*L$</c> the suffix <c>*L</c>, <c>.*</c> any path.
    /// Top-level alternatives of those forms become several values.
    /// </summary>
    /// <param name="pathRegex">The SMI pathRegex.</param>
    /// <returns>The values, or <see langword="null"/> when no exact reduction exists.</returns>
    public static ReducedPattern? ReducePath(string pathRegex) => Reduce(pathRegex, ReducePathBranch);

    /// <summary>
    /// Reduces a header value regex, which must match the whole value: a literal is exact, <c>L.*</c> the prefix
    /// <c>L*</c>, <c>.*L</c> the suffix <c>*L</c>, <c>.*</c> presence (<c>*</c>).
    /// </summary>
    /// <param name="valueRegex">The SMI header regex.</param>
    /// <returns>The values, or <see langword="null"/> when no exact reduction exists.</returns>
    public static ReducedPattern? ReduceHeader(string valueRegex) => Reduce(valueRegex, ReduceHeaderBranch);

    private static ReducedPattern? Reduce(string pattern, Func<string, string?> reduceBranch)
    {
        var branches = SplitAlternatives(pattern);
        if (branches is null)
        {
            return null;
        }

        var values = new List<string>();
        foreach (var branch in branches)
        {
            var value = reduceBranch(branch);
            if (value is null)
            {
                return null;
            }

            if (value.Length == 0)
            {
                return ReducedPattern.All;
            }

            if (!values.Contains(value, StringComparer.Ordinal))
            {
                values.Add(value);
            }
        }

        return new ReducedPattern(false, values);
    }

    /// <returns>"" for any value, the Istio value, or null.</returns>
    private static string? ReducePathBranch(string branch)
    {
        var (leadingAny, literal, trailingAny, endAnchored) = Decompose(branch);
        if (literal is null)
        {
            return null;
        }

        if (leadingAny)
        {
            if (literal.Length == 0)
            {
                return string.Empty;
            }

            // Start-anchored ".*L" means "contains L" unless the end is anchored too.
            return endAnchored && !trailingAny ? "*" + literal : null;
        }

        if (endAnchored && !trailingAny)
        {
            return literal.Length == 0 ? null : literal;
        }

        return literal.Length == 0 ? string.Empty : literal + "*";
    }

    private static string? ReduceHeaderBranch(string branch)
    {
        var (leadingAny, literal, trailingAny, _) = Decompose(branch);
        if (literal is null)
        {
            return null;
        }

        if (literal.Length == 0)
        {
            // ".*" accepts any value of a header that is present; an empty exact value is not expressible.
            return leadingAny || trailingAny ? "*" : null;
        }

        return (leadingAny, trailingAny) switch
        {
            (false, false) => literal,
            (false, true) => literal + "*",
            (true, false) => "*" + literal,
            _ => null,
        };
    }

    private static (bool LeadingAny, string? Literal, bool TrailingAny, bool EndAnchored) Decompose(string branch)
    {
        var rest = branch.StartsWith('^') ? branch[1..] : branch;
        var endAnchored = RegexAnchoring.EndsWithAnchor(rest);
        if (endAnchored)
        {
            rest = rest[..^1];
        }

        var leadingAny = rest.StartsWith(".*", StringComparison.Ordinal);
        if (leadingAny)
        {
            rest = rest[2..];
        }

        var trailingAny = rest.EndsWith(".*", StringComparison.Ordinal) && !IsEscaped(rest, rest.Length - 2);
        if (trailingAny)
        {
            rest = rest[..^2];
        }

        return (leadingAny, ParseLiteral(rest), trailingAny, endAnchored);
    }

    /// <summary>Reads a regex that matches one fixed string, or returns null when it holds any operator.</summary>
    private static string? ParseLiteral(string pattern)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length || char.IsAsciiLetterOrDigit(pattern[i + 1]))
                {
                    return null;
                }

                text.Append(pattern[++i]);
                continue;
            }

            if (c is '.' or '*' or '+' or '?' or '(' or ')' or '[' or ']' or '{' or '}' or '|' or '^' or '$')
            {
                return null;
            }

            text.Append(c);
        }

        var literal = text.ToString();

        // Istio reads '*' as a wildcard and braces as path templates, so such literals have no exact form.
        return literal.AsSpan().IndexOfAny("*{}") >= 0 ? null : literal;
    }

    /// <summary>Splits at top-level '|'; null when the pattern has groups or classes, which are not reduced.</summary>
    private static List<string>? SplitAlternatives(string pattern)
    {
        var branches = new List<string>();
        var start = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (c is '(' or ')' or '[' or ']')
            {
                return null;
            }

            if (c == '|')
            {
                branches.Add(pattern[start..i]);
                start = i + 1;
            }
        }

        branches.Add(pattern[start..]);
        return branches;
    }

    private static bool IsEscaped(string text, int index)
    {
        var backslashes = 0;
        for (var i = index - 1; i >= 0 && text[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }
}
