using System.Globalization;
using System.Text;

namespace Smi.Evaluation;

/// <summary>
/// Reads a pattern under RE2's syntax (https://github.com/google/re2/wiki/Syntax) and writes a .NET pattern that means
/// the same, to run with <c>RegexOptions.NonBacktracking | RegexOptions.CultureInvariant</c>. What RE2 refuses is
/// refused with <see cref="ArgumentException"/>: backreferences (<c>\1</c>, <c>\k</c>), lookaround and atomic groups
/// (<c>(?=</c>, <c>(?!</c>, <c>(?&lt;=</c>, <c>(?&lt;!</c>, <c>(?&gt;</c>), comments <c>(?#</c>, possessive
/// repetitions (<c>*+</c>, <c>++</c>, <c>?+</c>, <c>}+</c>), repeat counts above 1000, <c>\Z</c>, <c>\G</c>,
/// <c>\X</c>, <c>\R</c>, <c>\K</c> and the ungreedy flag <c>U</c> (not expressible here). Mapped meanings:
/// <c>\d</c> = <c>[0-9]</c>, <c>\w</c> = <c>[0-9A-Za-z_]</c>, <c>\s</c> = <c>[\t\n\f\r ]</c> (RE2 "Perl character
/// classes (all ASCII-only)"), <c>$</c> = end of text (<c>\z</c>) unless <c>(?m)</c> is set, <c>.</c> does not match
/// <c>\n</c> unless <c>(?s)</c>, POSIX classes <c>[[:alpha:]]</c> as ASCII, <c>\Q...\E</c> literals,
/// <c>(?P&lt;name&gt;</c> groups, <c>\pN</c> one-letter Unicode classes. <c>\b</c> and <c>\B</c> become ASCII
/// lookarounds, which the non-backtracking engine cannot run; <see cref="NeedsBacktracking"/> then says so.
/// For <see cref="RegexDialect.RustRegex"/> the Perl classes and <c>\b</c> keep their Unicode meaning
/// (https://docs.rs/regex/latest/regex/#perl-character-classes-unicode-friendly) except where the <c>u</c> flag is
/// off (<c>(?-u:\b)</c>, https://docs.rs/regex/latest/regex/#grouping-and-flags).
/// </summary>
internal sealed class Re2Pattern
{
    private const string AsciiWord = "0-9A-Za-z_";

    private const int MaxRepeat = 1000;

    private static readonly Dictionary<string, string> PosixClasses = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z", ["alpha"] = "A-Za-z", ["ascii"] = "\\x00-\\x7F", ["blank"] = "\\t ",
        ["cntrl"] = "\\x00-\\x1F\\x7F", ["digit"] = "0-9", ["graph"] = "!-~", ["lower"] = "a-z",
        ["print"] = " -~", ["punct"] = "!-/:-@\\[-`{-~", ["space"] = "\\t\\n\\v\\f\\r ", ["upper"] = "A-Z",
        ["word"] = AsciiWord, ["xdigit"] = "0-9A-Fa-f",
    };

    private readonly string _pattern;
    private readonly RegexDialect _dialect;
    private readonly StringBuilder _out = new();
    private int _at;

    // Rust's u flag: Unicode Perl classes and \b, on by default, off inside (?-u:...).
    private bool _unicode;

    private Re2Pattern(string pattern, RegexDialect dialect)
    {
        _pattern = pattern;
        _dialect = dialect;
        _unicode = dialect == RegexDialect.RustRegex;
    }

    /// <summary>The equivalent .NET pattern.</summary>
    public string DotNet { get; private set; } = string.Empty;

    /// <summary>Whether the pattern uses <c>\b</c> or <c>\B</c>, which need the backtracking engine in .NET.</summary>
    public bool NeedsBacktracking { get; private set; }

    /// <summary>Parses an RE2 (or Rust regex) pattern and maps it to .NET.</summary>
    /// <param name="pattern">The pattern as the mesh receives it.</param>
    /// <param name="dialect">The engine whose meaning to keep.</param>
    /// <returns>The mapped pattern.</returns>
    /// <exception cref="ArgumentException">The engine refuses the pattern.</exception>
    public static Re2Pattern Parse(string pattern, RegexDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var parsed = new Re2Pattern(pattern, dialect);
        parsed.ParseSequence(multiLine: false, depth: 0);
        if (parsed._at < pattern.Length)
        {
            throw parsed.Refuse("unexpected )");
        }

        parsed.DotNet = parsed._out.ToString();
        return parsed;
    }

    private bool Unicode => _unicode;

    private ArgumentException Refuse(string why) => new(
        string.Create(CultureInfo.InvariantCulture, $"{_dialect} refuses '{_pattern}' at {_at}: {why}"),
        "pattern");

    /// <summary>
    /// Reads up to an unmatched <c>)</c> or the end; flags set inside apply to the rest of the group.
    /// </summary>
    private void ParseSequence(bool multiLine, int depth)
    {
        if (depth > MaxRepeat)
        {
            throw Refuse("nesting too deep");
        }

        var canRepeat = false;
        while (_at < _pattern.Length)
        {
            var c = _pattern[_at];
            switch (c)
            {
                case ')':
                    return;
                case '(':
                    multiLine = ParseGroup(multiLine, depth, out canRepeat);
                    continue;
                case '|':
                    _out.Append('|');
                    _at++;
                    canRepeat = false;
                    continue;
                case '*' or '+' or '?':
                    ParseRepeatSuffix(canRepeat, c.ToString());
                    _at++;
                    canRepeat = false;
                    ParseLazyOrPossessive();
                    continue;
                case '{' when TryReadCount(out var text):
                    ParseRepeatSuffix(canRepeat, text);
                    canRepeat = false;
                    ParseLazyOrPossessive();
                    continue;
                case '$':
                    _out.Append(multiLine ? "(?m:$)" : "\\z");
                    _at++;
                    canRepeat = false;
                    continue;
                case '^':
                    _out.Append(multiLine ? "(?m:^)" : "\\A");
                    _at++;
                    canRepeat = false;
                    continue;
                case '[':
                    ParseClass();
                    canRepeat = true;
                    continue;
                case '\\':
                    canRepeat = ParseEscape(inClass: false);
                    continue;
                case '.':
                    _out.Append('.');
                    _at++;
                    canRepeat = true;
                    continue;
                default:
                    AppendLiteral(c);
                    _at++;
                    canRepeat = true;
                    continue;
            }
        }
    }

    private void ParseRepeatSuffix(bool canRepeat, string text)
    {
        if (!canRepeat)
        {
            throw Refuse($"missing argument to repetition operator {text}");
        }

        _out.Append(text);
    }

    private void ParseLazyOrPossessive()
    {
        if (_at < _pattern.Length && _pattern[_at] == '?')
        {
            _out.Append('?');
            _at++;
        }
        else if (_at < _pattern.Length && _pattern[_at] == '+')
        {
            throw Refuse("possessive repetition is not supported");
        }

        if (_at < _pattern.Length && _pattern[_at] is '*' or '+' or '?')
        {
            throw Refuse("bad repetition operator");
        }
    }

    /// <summary>A <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> repeat; any other <c>{</c> is a literal, as in RE2.</summary>
    private bool TryReadCount(out string text)
    {
        text = string.Empty;
        var end = _pattern.IndexOf('}', _at);
        if (end < 0)
        {
            return false;
        }

        var body = _pattern[(_at + 1)..end];
        var parts = body.Split(',');
        if (parts.Length > 2 || parts[0].Length == 0 || !parts.All(p => p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        foreach (var part in parts.Where(p => p.Length > 0))
        {
            if (part.Length > 4 || int.Parse(part, CultureInfo.InvariantCulture) > MaxRepeat)
            {
                throw Refuse("bad repetition operator: counts above 1000");
            }
        }

        if (parts.Length == 2 && parts[1].Length > 0
            && int.Parse(parts[1], CultureInfo.InvariantCulture) < int.Parse(parts[0], CultureInfo.InvariantCulture))
        {
            throw Refuse("bad repetition operator: max below min");
        }

        text = "{" + body + "}";
        _at = end + 1;
        return true;
    }

    private bool ParseGroup(bool multiLine, int depth, out bool canRepeat)
    {
        _at++;
        canRepeat = true;
        var innerMultiLine = multiLine;
        var outerUnicode = _unicode;
        if (_at < _pattern.Length && _pattern[_at] == '?')
        {
            var rest = _pattern[_at..];
            if (rest.StartsWith("?P<", StringComparison.Ordinal) || (rest.StartsWith("?<", StringComparison.Ordinal)
                && !rest.StartsWith("?<=", StringComparison.Ordinal)
                && !rest.StartsWith("?<!", StringComparison.Ordinal)))
            {
                var nameStart = _at + (rest[1] == 'P' ? 3 : 2);
                var nameEnd = _pattern.IndexOf('>', nameStart);
                if (nameEnd <= nameStart
                    || !_pattern[nameStart..nameEnd].All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
                {
                    throw Refuse("invalid named capture group");
                }

                _out.Append("(?<").Append(_pattern, nameStart, nameEnd - nameStart).Append('>');
                _at = nameEnd + 1;
            }
            else if (rest.Length > 1 && rest[1] is '=' or '!' or '<' or '>' or '#')
            {
                throw Refuse("lookaround, atomic groups and comments are not supported");
            }
            else
            {
                // Flags: (?flags) or (?flags:re) with i, m, s (U is refused: .NET has no ungreedy switch).
                var end = _at + 1;
                var on = true;
                var flags = new StringBuilder();
                var newMultiLine = multiLine;
                while (end < _pattern.Length && _pattern[end] is not ':' and not ')')
                {
                    var f = _pattern[end];
                    if (f == '-' && on)
                    {
                        on = false;
                        flags.Append('-');
                    }
                    else if (f is 'i' or 's')
                    {
                        flags.Append(f);
                    }
                    else if (f == 'm')
                    {
                        newMultiLine = on;
                    }
                    else if (f == 'u' && _dialect == RegexDialect.RustRegex)
                    {
                        _unicode = on;
                    }
                    else
                    {
                        throw Refuse(f == 'U' ? "the ungreedy flag U is not supported here" : "invalid flag");
                    }

                    end++;
                }

                if (end >= _pattern.Length)
                {
                    throw Refuse("missing )");
                }

                var flagText = flags.ToString().TrimEnd('-');
                if (_pattern[end] == ')')
                {
                    // Applies to the rest of the enclosing group.
                    if (flagText.Length > 0)
                    {
                        _out.Append("(?").Append(flagText).Append(')');
                    }

                    _at = end + 1;
                    canRepeat = false;
                    return newMultiLine;
                }

                _out.Append(flagText.Length > 0 ? $"(?{flagText}:" : "(?:");
                _at = end + 1;
                innerMultiLine = newMultiLine;
            }
        }
        else
        {
            _out.Append('(');
        }

        ParseSequence(innerMultiLine, depth + 1);
        if (_at >= _pattern.Length)
        {
            throw Refuse("missing )");
        }

        _out.Append(')');
        _at++;
        _unicode = outerUnicode;
        return multiLine;
    }

    /// <summary>An escape outside or inside a class; returns whether a repetition may follow.</summary>
    private bool ParseEscape(bool inClass)
    {
        if (_at + 1 >= _pattern.Length)
        {
            throw Refuse("trailing \\");
        }

        var e = _pattern[_at + 1];
        _at += 2;
        switch (e)
        {
            case 'd':
                _out.Append(Unicode ? "\\p{Nd}" : inClass ? "0-9" : "[0-9]");
                return true;
            case 'D':
                AppendNegated(Unicode ? "\\p{Nd}" : "0-9", inClass);
                return true;
            case 'w':
                _out.Append(Unicode ? UnicodeWord(inClass) : inClass ? AsciiWord : $"[{AsciiWord}]");
                return true;
            case 'W':
                AppendNegated(Unicode ? "\\w" : AsciiWord, inClass);
                return true;
            case 's':
                _out.Append(Unicode ? "\\s" : inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]");
                return true;
            case 'S':
                AppendNegated(Unicode ? "\\s" : "\\t\\n\\f\\r ", inClass);
                return true;
            case 'b' or 'B' when !inClass:
                NeedsBacktracking |= !Unicode;
                _out.Append(Unicode ? $"\\{e}" : e == 'b'
                    ? $"(?:(?<=[{AsciiWord}])(?![{AsciiWord}])|(?<![{AsciiWord}])(?=[{AsciiWord}]))"
                    : $"(?:(?<=[{AsciiWord}])(?=[{AsciiWord}])|(?<![{AsciiWord}])(?![{AsciiWord}]))");
                return false;
            case 'A' when !inClass:
                _out.Append("\\A");
                return false;
            case 'z' when !inClass:
                _out.Append("\\z");
                return false;
            case 'Q' when !inClass:
                var end = _pattern.IndexOf("\\E", _at, StringComparison.Ordinal);
                var literal = end < 0 ? _pattern[_at..] : _pattern[_at..end];
                _at = end < 0 ? _pattern.Length : end + 2;
                foreach (var ch in literal)
                {
                    AppendLiteral(ch);
                }

                return literal.Length > 0;
            case 'p' or 'P':
                ParseUnicodeClass(e);
                return true;
            case 'x':
                ParseHex();
                return true;
            case 'a' or 'f' or 't' or 'n' or 'r' or 'v':
                _out.Append('\\').Append(e);
                return true;
            case '0':
                ParseOctal();
                return true;
            case >= '1' and <= '9':
                throw Refuse("backreferences are not supported");
            default:
                if (char.IsAsciiLetterOrDigit(e) || e == '_')
                {
                    throw Refuse($"invalid escape sequence \\{e}");
                }

                AppendLiteral(e);
                return true;
        }
    }

    private static string UnicodeWord(bool inClass) => inClass
        ? "\\p{L}\\p{M}\\p{Nd}\\p{Pc}"
        : "[\\p{L}\\p{M}\\p{Nd}\\p{Pc}]";

    private void AppendNegated(string members, bool inClass)
    {
        if (inClass)
        {
            // A negated Perl class inside a bracket: .NET subtraction cannot express a union with a complement.
            throw Refuse("negated Perl classes inside brackets are not mapped");
        }

        _out.Append("[^").Append(members).Append(']');
    }

    private void ParseUnicodeClass(char kind)
    {
        string name;
        if (_at < _pattern.Length && _pattern[_at] == '{')
        {
            var end = _pattern.IndexOf('}', _at);
            if (end < 0)
            {
                throw Refuse("invalid character class range");
            }

            name = _pattern[(_at + 1)..end];
            _at = end + 1;
        }
        else if (_at < _pattern.Length)
        {
            name = _pattern[_at].ToString();
            _at++;
        }
        else
        {
            throw Refuse("invalid character class range");
        }

        if (name.StartsWith('^'))
        {
            kind = kind == 'p' ? 'P' : 'p';
            name = name[1..];
        }

        // General categories only: .NET names scripts as blocks (IsGreek), which differ from RE2's scripts.
        if (name is not ("L" or "Lu" or "Ll" or "Lt" or "Lm" or "Lo" or "M" or "Mn" or "Mc" or "Me" or "N" or "Nd"
            or "Nl" or "No" or "P" or "Pc" or "Pd" or "Ps" or "Pe" or "Pi" or "Pf" or "Po" or "S" or "Sm" or "Sc"
            or "Sk" or "So" or "Z" or "Zs" or "Zl" or "Zp" or "C" or "Cc" or "Cf" or "Co" or "Cs"))
        {
            throw Refuse($"Unicode class {name} is not mapped");
        }

        _out.Append('\\').Append(kind).Append('{').Append(name).Append('}');
    }

    private void ParseHex()
    {
        string digits;
        if (_at < _pattern.Length && _pattern[_at] == '{')
        {
            var end = _pattern.IndexOf('}', _at);
            digits = end < 0 ? string.Empty : _pattern[(_at + 1)..end];
            _at = end < 0 ? _at : end + 1;
        }
        else
        {
            digits = _at + 2 <= _pattern.Length ? _pattern.Substring(_at, 2) : string.Empty;
            _at += 2;
        }

        if (digits.Length == 0 || digits.Length > 6 || !digits.All(char.IsAsciiHexDigit)
            || int.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture) is var code && code > 0x10FFFF)
        {
            throw Refuse("invalid escape sequence \\x");
        }

        AppendCodePoint(code);
    }

    private void ParseOctal()
    {
        var start = _at;
        while (_at < _pattern.Length && _at - start < 2 && _pattern[_at] is >= '0' and <= '7')
        {
            _at++;
        }

        AppendCodePoint(start == _at ? 0 : Convert.ToInt32(_pattern[start.._at], 8));
    }

    private void AppendCodePoint(int code)
    {
        foreach (var ch in char.ConvertFromUtf32(code))
        {
            _out.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:X4}");
        }
    }

    private void AppendLiteral(char c)
    {
        if ("\\*+?|{}()[]^$.# -".Contains(c, StringComparison.Ordinal) || char.IsWhiteSpace(c))
        {
            AppendCodePoint(c);
        }
        else
        {
            _out.Append(c);
        }
    }

    /// <summary>
    /// A bracket class: members, ranges, escapes and POSIX classes; every <c>[</c> inside is a literal.
    /// </summary>
    private void ParseClass()
    {
        _at++;
        _out.Append('[');
        if (_at < _pattern.Length && _pattern[_at] == '^')
        {
            _out.Append('^');
            _at++;
        }

        var first = true;
        while (true)
        {
            if (_at >= _pattern.Length)
            {
                throw Refuse("missing ]");
            }

            var c = _pattern[_at];
            if (c == ']' && !first)
            {
                _out.Append(']');
                _at++;
                return;
            }

            first = false;
            if (c == '[' && _pattern.AsSpan(_at).StartsWith("[:"))
            {
                var end = _pattern.IndexOf(":]", _at + 2, StringComparison.Ordinal);
                var name = end < 0 ? string.Empty : _pattern[(_at + 2)..end];
                var negated = name.StartsWith('^');
                if (!PosixClasses.TryGetValue(negated ? name[1..] : name, out var members) || negated)
                {
                    throw Refuse($"POSIX class [:{name}:] is not mapped");
                }

                _out.Append(members);
                _at = end + 2;
            }
            else if (c == '\\')
            {
                ParseEscape(inClass: true);
            }
            else
            {
                var isRange = c == '-' && _at + 1 < _pattern.Length && _pattern[_at + 1] != ']'
                    && _out[^1] != '[' && _out[^1] != '^';
                if (isRange)
                {
                    _out.Append('-');
                }
                else
                {
                    AppendLiteral(c);
                }

                _at++;
            }
        }
    }
}
