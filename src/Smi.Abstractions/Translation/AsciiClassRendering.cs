using System.Text;

namespace Smi.Abstractions.Translation;

/// <summary>
/// Writes SMI's Perl classes (<c>\d</c>, <c>\w</c>, <c>\s</c>, their negations) and POSIX classes as explicit ASCII
/// classes. SMI path regexes follow Go's regexp syntax, where these classes are ASCII-only ("Perl character classes
/// (all ASCII-only)", https://github.com/google/re2/wiki/Syntax), while Rust's regex crate reads <c>\d</c>,
/// <c>\w</c>, <c>\s</c> and <c>\b</c> as Unicode classes ("Perl character classes (Unicode friendly)",
/// https://docs.rs/regex/latest/regex/#perl-character-classes-unicode-friendly). The explicit forms mean the same
/// to both engines. Inside brackets a negated class becomes a negated POSIX class (<c>[:^digit:]</c>), which both
/// engines read as ASCII ("ASCII character classes", https://docs.rs/regex/latest/regex/#ascii-character-classes).
/// </summary>
internal static class AsciiClassRendering
{
    private const string Digit = "0-9";
    private const string Word = "0-9A-Za-z_";

    // RE2's \s is [\t\n\f\r ], without \v; the space is written \x20 (first, so that no digit can follow the two
    // hex digits) so that no flag can drop it.
    private const string Space = "\\x20\\t\\n\\f\\r";

    private static readonly Dictionary<string, string> PosixMembers = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z", ["alpha"] = "A-Za-z", ["ascii"] = "\\x00-\\x7F", ["blank"] = "\\t\\x20",
        ["cntrl"] = "\\x00-\\x1F\\x7F", ["digit"] = Digit, ["graph"] = "!-~", ["lower"] = "a-z",
        ["print"] = "\\x20-~", ["punct"] = "!-/:-@\\[-`{-~", ["space"] = "\\t\\n\\x0B\\f\\r\\x20", ["upper"] = "A-Z",
        ["word"] = Word, ["xdigit"] = "0-9A-Fa-f",
    };

    /// <summary>Rewrites the classes of a pattern; everything else is copied unchanged.</summary>
    /// <param name="pattern">The SMI pattern.</param>
    /// <param name="engine">The engine that runs the result.</param>
    /// <returns>The pattern with explicit ASCII classes.</returns>
    public static string Render(string pattern, PathRegexEngine engine)
    {
        var output = new StringBuilder(pattern.Length + 16);
        var at = 0;
        while (at < pattern.Length)
        {
            var c = pattern[at];
            if (c == '\\')
            {
                at = Escape(pattern, at, engine, output);
            }
            else if (c == '[')
            {
                at = Bracket(pattern, at, output);
            }
            else
            {
                output.Append(c);
                at++;
            }
        }

        return output.ToString();
    }

    /// <summary>Whether the pattern holds a <c>\b</c> or <c>\B</c> outside brackets and <c>\Q...\E</c>.</summary>
    /// <param name="pattern">The SMI pattern.</param>
    /// <returns><see langword="true"/> when the pattern tests a word boundary.</returns>
    public static bool HasWordBoundary(string pattern) =>
        !string.Equals(Render(pattern, PathRegexEngine.Re2), Render(pattern, PathRegexEngine.RustRegex),
            StringComparison.Ordinal);

    private static int Escape(string pattern, int at, PathRegexEngine engine, StringBuilder output)
    {
        if (at + 1 >= pattern.Length)
        {
            output.Append('\\');
            return at + 1;
        }

        var e = pattern[at + 1];
        switch (e)
        {
            case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                output.Append(char.IsUpper(e) ? "[^" : "[").Append(PerlMembers(e)).Append(']');
                return at + 2;
            case 'b' or 'B':
                // Rust's \b is a Unicode word boundary; (?-u:\b) is the ASCII one (regex crate, every 1.x release).
                // (?-u:\B) is accepted in a &str regex from regex 1.9 on (CHANGELOG, 1.8.4 and 1.9.0).
                output.Append(engine == PathRegexEngine.RustRegex ? $"(?-u:\\{e})" : $"\\{e}");
                return at + 2;
            case 'Q':
                var end = pattern.IndexOf("\\E", at + 2, StringComparison.Ordinal);
                var stop = end < 0 ? pattern.Length : end + 2;
                output.Append(pattern, at, stop - at);
                return stop;
            default:
                return CopyEscape(pattern, at, output);
        }
    }

    /// <summary>Copies an escape, with a braced argument (<c>\p{Greek}</c>, <c>\x{263a}</c>) whole.</summary>
    private static int CopyEscape(string pattern, int at, StringBuilder output)
    {
        var stop = at + 2;
        if (pattern[at + 1] is 'p' or 'P' or 'x' && stop < pattern.Length && pattern[stop] == '{')
        {
            var close = pattern.IndexOf('}', stop);
            stop = close < 0 ? pattern.Length : close + 1;
        }

        output.Append(pattern, at, stop - at);
        return stop;
    }

    private static int Bracket(string pattern, int at, StringBuilder output)
    {
        output.Append('[');
        at++;
        if (at < pattern.Length && pattern[at] == '^')
        {
            output.Append('^');
            at++;
        }

        // A ']' first in the class is a member.
        if (at < pattern.Length && pattern[at] == ']')
        {
            output.Append(']');
            at++;
        }

        while (at < pattern.Length)
        {
            var c = pattern[at];
            if (c == ']')
            {
                output.Append(']');
                return at + 1;
            }

            if (c == '\\' && at + 1 < pattern.Length)
            {
                at = ClassEscape(pattern, at, output);
            }
            else if (c == '[' && TryPosix(pattern, at, out var name, out var negated, out var stop))
            {
                output.Append(negated ? $"[:^{name}:]" : PosixMembers[name]);
                at = stop;
            }
            else
            {
                output.Append(c);
                at++;
            }
        }

        return at;
    }

    private static int ClassEscape(string pattern, int at, StringBuilder output)
    {
        switch (pattern[at + 1])
        {
            case 'd' or 'w' or 's':
                output.Append(PerlMembers(pattern[at + 1]));
                return at + 2;
            case 'D':
                output.Append("[:^digit:]");
                return at + 2;
            case 'W':
                output.Append("[:^word:]");
                return at + 2;
            case 'S':
                // [:^space:] leaves out \v, which RE2's \S takes.
                output.Append("[:^space:]\\x0B");
                return at + 2;
            default:
                return CopyEscape(pattern, at, output);
        }
    }

    /// <summary>The ASCII members of a Perl class, <c>\d</c> or <c>\D</c> alike.</summary>
    private static string PerlMembers(char perlClass) => char.ToLowerInvariant(perlClass) switch
    {
        'd' => Digit,
        'w' => Word,
        _ => Space,
    };

    private static bool TryPosix(string pattern, int at, out string name, out bool negated, out int stop)
    {
        name = string.Empty;
        negated = false;
        stop = at;
        if (at + 1 >= pattern.Length || pattern[at + 1] != ':')
        {
            return false;
        }

        var close = pattern.IndexOf(":]", at + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            return false;
        }

        var body = pattern[(at + 2)..close];
        negated = body.StartsWith('^');
        name = negated ? body[1..] : body;
        stop = close + 2;
        return PosixMembers.ContainsKey(name);
    }
}
