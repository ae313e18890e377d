namespace Smi.Adapters.GatewayApi.Migration;

/// <summary>One document of a manifest file, exactly as written.</summary>
/// <param name="Separator">The <c>---</c> line before it, with its line ending; empty for the first document.</param>
/// <param name="Body">The lines up to the next separator, with their line endings.</param>
/// <param name="FirstLine">The 1-based line of <see cref="Separator"/> (or of the body when there is none).</param>
internal sealed record ManifestSegment(string Separator, string Body, int FirstLine)
{
    /// <summary>The document's text, separator included.</summary>
    public string Text => Separator + Body;

    /// <summary>
    /// Splits a YAML stream at <c>---</c> lines (a line that starts with <c>---</c> followed by the end of the line or
    /// a space), keeping every byte: concatenating the segments' <see cref="Text"/> gives the input back.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The segments, in order; one empty segment for empty text.</returns>
    public static IReadOnlyList<ManifestSegment> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<ManifestSegment>();
        var separator = string.Empty;
        var body = new System.Text.StringBuilder();
        var firstLine = 1;
        var lineNumber = 0;
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            var line = text[start..end];
            lineNumber++;
            var content = line.TrimEnd('\n').TrimEnd('\r');
            if (content.StartsWith("---", StringComparison.Ordinal)
                && (content.Length == 3 || char.IsWhiteSpace(content[3])))
            {
                segments.Add(new ManifestSegment(separator, body.ToString(), firstLine));
                separator = line;
                body.Clear();
                firstLine = lineNumber;
            }
            else
            {
                body.Append(line);
            }

            start = end;
        }

        segments.Add(new ManifestSegment(separator, body.ToString(), firstLine));

        // The text before the first separator is a segment only when it holds something.
        return segments.Count > 1 && segments[0].Text.Length == 0 ? segments[1..] : segments;
    }

    /// <summary>
    /// The comment and blank lines at the start of <see cref="Body"/>, which are kept when the document is replaced.
    /// </summary>
    /// <returns>The lines, with their endings.</returns>
    public string LeadingComments()
    {
        var inline = Separator.TrimEnd('\n').TrimEnd('\r');
        if (inline.Length > 3 && inline[3..].Trim() is { Length: > 0 } rest && !rest.StartsWith('#'))
        {
            return string.Empty;
        }

        var length = 0;
        while (length < Body.Length)
        {
            var newline = Body.IndexOf('\n', length);
            var end = newline < 0 ? Body.Length : newline + 1;
            var line = Body[length..end].Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                break;
            }

            length = end;
        }

        return Body[..length];
    }
}
