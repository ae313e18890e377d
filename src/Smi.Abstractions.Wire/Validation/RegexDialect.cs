using System.Text.RegularExpressions;

namespace Smi.Abstractions.Validation;

/// <summary>
/// Checks that a regex stays within what both RE2 (Envoy: Istio, Consul) and Rust's <c>regex</c> crate (Linkerd)
/// accept. .NET accepts more, so patterns are checked here rather than passed through. Refused: backreferences,
/// look-around, atomic groups, possessive quantifiers, conditionals, repeat counts above
/// <see cref="SmiBounds.MaxRegexRepeat"/> (RE2's limit, <see href="https://github.com/google/re2/wiki/Syntax"/>),
/// patterns longer than <see cref="SmiBounds.MaxRegexLength"/> and groups nested deeper than
/// <see cref="SmiBounds.MaxRegexNesting"/>.
/// </summary>
public static class RegexDialect
{
    /// <summary>Finds the first construct RE2 or Rust regex rejects, or a syntax error.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <returns>A description of the problem, or <see langword="null"/> when the pattern is portable.</returns>
    public static string? FindProblem(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length > SmiBounds.MaxRegexLength)
        {
            return $"a pattern of {pattern.Length} characters (at most {SmiBounds.MaxRegexLength})";
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            return $"not a valid regex: {e.Message}";
        }

        var inClass = false;
        var depth = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var next = i + 1 < pattern.Length ? pattern[i + 1] : '\0';
            if (c == '\\')
            {
                if (!inClass && next is >= '1' and <= '9')
                {
                    return $"backreference \\{next} (RE2 and Rust regex have no backreferences)";
                }

                if (!inClass && next == 'k' && i + 2 < pattern.Length && pattern[i + 2] is '<' or '\'' or '{')
                {
                    return "named backreference \\k (RE2 and Rust regex have no backreferences)";
                }

                if (!inClass && next is 'G' or 'Z' && next != '\0')
                {
                    return $"anchor \\{next} (not in RE2 or Rust regex)";
                }

                i++;
                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }

                continue;
            }

            if (c == '[')
            {
                inClass = true;
                if (next == ']' || (next == '^' && i + 2 < pattern.Length && pattern[i + 2] == ']'))
                {
                    i += next == '^' ? 2 : 1;
                }

                continue;
            }

            if (c == '(')
            {
                depth++;
                if (depth > SmiBounds.MaxRegexNesting)
                {
                    return $"groups nested deeper than {SmiBounds.MaxRegexNesting} levels";
                }
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == '{' && RepeatCountProblem(pattern, i) is { } repeatProblem)
            {
                return repeatProblem;
            }

            if (c == '(' && next == '?')
            {
                var rest = pattern.AsSpan(i + 2);
                if (rest.StartsWith("=") || rest.StartsWith("!"))
                {
                    return "look-ahead (?= or (?! (RE2 and Rust regex have no look-around)";
                }

                if (rest.StartsWith("<=") || rest.StartsWith("<!"))
                {
                    return "look-behind (?<= or (?<! (RE2 and Rust regex have no look-around)";
                }

                if (rest.StartsWith(">"))
                {
                    return "atomic group (?> (not in RE2 or Rust regex)";
                }

                if (rest.StartsWith("("))
                {
                    return "conditional (?( (not in RE2 or Rust regex)";
                }

                if (rest.StartsWith("#"))
                {
                    return "inline comment (?# (not in RE2 or Rust regex)";
                }
            }

            if (c is '*' or '+' or '?' or '}' && next == '+')
            {
                return $"possessive quantifier {c}+ (not in RE2 or Rust regex)";
            }
        }

        return null;
    }

    private static string? RepeatCountProblem(string pattern, int open)
    {
        var close = pattern.IndexOf('}', open + 1);
        if (close < 0)
        {
            return null;
        }

        var counts = pattern[(open + 1)..close].Split(',');
        if (counts.Length > 2 || counts.Any(n => n.Length > 0 && !n.All(char.IsAsciiDigit)))
        {
            return null;
        }

        foreach (var count in counts.Where(n => n.Length > 0))
        {
            if (count.Length > 9 || int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)
                > SmiBounds.MaxRegexRepeat)
            {
                return $"repeat count {{{pattern[(open + 1)..close]}}} (RE2 allows at most {SmiBounds.MaxRegexRepeat})";
            }
        }

        return null;
    }
}
