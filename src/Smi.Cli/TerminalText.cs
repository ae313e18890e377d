using System.Globalization;
using System.Text;

namespace Smi.Cli;

/// <summary>
/// Makes text from input files safe to print on a terminal: control characters (C0, DEL, C1), line and paragraph
/// separators and bidirectional overrides are written as escapes, so a hostile object name can neither start a new
/// line, nor send ANSI sequences (ESC), nor reorder what the reader sees.
/// </summary>
internal static class TerminalText
{
    /// <summary>
    /// Escapes the characters a terminal would act on; everything else is kept, backslashes included.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The printable text.</returns>
    public static string EscapeControls(string text) => Escape(text, backslash: false);

    /// <summary>
    /// Escapes an object name, namespace or field path: as <see cref="EscapeControls"/>, and a backslash doubled, so
    /// an escape in the output always stands for the character it names and never for the name's own text.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <returns>The printable name.</returns>
    public static string EscapeName(string name) => Escape(name, backslash: true);

    private static string Escape(string text, bool backslash)
    {
        if (!text.Any(c => NeedsEscape(c) || (backslash && c == '\\')))
        {
            return text;
        }

        var output = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            output.Append(c switch
            {
                '\\' when backslash => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\u001b' => "\\e",
                _ when c < 0x80 && NeedsEscape(c) => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ when NeedsEscape(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return output.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c)
        || c is '\u2028' or '\u2029'
        || c is >= '\u202a' and <= '\u202e'
        || c is >= '\u2066' and <= '\u2069'
        || c is '\u200e' or '\u200f' or '\u061c';
}
