using System.Text;

namespace Smi.Cli.Explain;

/// <summary>
/// Guesses strings a simple regular expression accepts, for example <c>/checkout</c> for <c>^/checkout.*</c>: one
/// guess per top-level alternative, taking the first branch of each group and one character of each class. The
/// guesses are candidates only; callers keep those the real match accepts.
/// </summary>
internal static class RegexSample
{
    /// <summary>Candidate strings for a pattern, most likely first; at most one per top-level alternative.</summary>
    public static IEnumerable<string> Candidates(string pattern)
    {
        yield return Walk(pattern);
        var alternatives = TopLevelAlternatives(pattern);
        if (alternatives.Count > 1)
        {
            foreach (var alternative in alternatives.Skip(1))
            {
                yield return Walk(alternative);
            }
        }
    }

    private static List<string> TopLevelAlternatives(string pattern)
    {
        var result = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case '|' when depth == 0:
                    result.Add(pattern[start..i]);
                    start = i + 1;
                    break;
            }
        }

        result.Add(pattern[start..]);
        return result;
    }

    private static string Walk(string pattern)
    {
        var text = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var before = text.Length;
            var c = pattern[i];
            switch (c)
            {
                case '^' or ')' or '*' or '+' or '?':
                    i++;
                    break;
                case '$':
                    return text.ToString();
                case '|':
                    i = SkipToGroupEnd(pattern, i);
                    if (i < 0)
                    {
                        return text.ToString();
                    }

                    break;
                case '(':
                    i += pattern.AsSpan(i).StartsWith("(?:") ? 3 : 1;
                    break;
                case '{':
                    var close = pattern.IndexOf('}', i);
                    i = close < 0 ? pattern.Length : close + 1;
                    break;
                case '.':
                    text.Append('x');
                    i++;
                    break;
                case '\\' when i + 1 < pattern.Length:
                    text.Append(Escaped(pattern[i + 1]));
                    i += 2;
                    break;
                case '[':
                    var end = pattern.IndexOf(']', i + 1);
                    var body = end < 0 ? string.Empty : pattern[(i + 1)..end];
                    text.Append(body.Length == 0 || body[0] == '^' ? 'x' : body[0] == '\\' && body.Length > 1
                        ? Escaped(body[1]) : body[0]);
                    i = end < 0 ? pattern.Length : end + 1;
                    break;
                default:
                    text.Append(c);
                    i++;
                    break;
            }

            // An atom that may occur zero times is left out: "/items.*" gives "/items".
            if (text.Length > before && i < pattern.Length && pattern[i] is '*' or '?')
            {
                text.Length = before;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The index after the group that holds the alternative at <paramref name="bar"/>; -1 at top level.
    /// </summary>
    private static int SkipToGroupEnd(string pattern, int bar)
    {
        var depth = 0;
        for (var i = bar + 1; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '(':
                    depth++;
                    break;
                case ')' when depth == 0:
                    return i + 1;
                case ')':
                    depth--;
                    break;
            }
        }

        return -1;
    }

    private static char Escaped(char c) => c switch
    {
        'd' => '0',
        'w' => 'a',
        's' => ' ',
        'D' or 'W' or 'S' => '-',
        _ => c,
    };
}
