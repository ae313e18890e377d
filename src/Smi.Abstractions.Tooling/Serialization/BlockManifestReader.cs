using System.Buffers;
using System.Text.Json;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// A hand-written reader of a subset of YAML: the plain manifests that kubectl, helm and most people write.
/// YamlDotNet's parser (with the string interning it does) is about half of the time of a <c>smi translate</c> run,
/// so the loader reads such manifests itself and writes each document straight to the UTF-8 JSON, with the facts
/// (<see cref="YamlJsonDocument"/>), that the parser's events give (<see cref="YamlDocumentReader"/>).
/// <para>
/// The subset: printable ASCII lines ending in LF or CRLF, indented with spaces; blank lines and comments; <c>---</c>
/// document starts (alone on their line, or followed by a comment); block mappings whose keys are plain, or quoted
/// without an escape; block sequences, indented under their key or not, and compact mappings in their entries;
/// plain scalars, single-quoted scalars and double-quoted scalars with the common escapes, each on one line; and
/// flow sequences and mappings that open and close on one line. Anything else (a multi-line scalar, a block scalar
/// <c>|</c> or <c>&gt;</c>, an anchor, an alias, a tag, a directive, <c>...</c>, a tab, a character outside printable
/// ASCII, a duplicate key, nesting deeper than <see cref="YamlShapeCheck.MaxDepth"/>, or any form this reader does not
/// know for certain how YamlDotNet reads) makes it decline the whole stream, which then goes through YamlDotNet as
/// before: so what it reads, it reads as the parser does, and the rest, diagnostics included, is the parser's.
/// </para>
/// </summary>
internal sealed class BlockManifestReader
{
    // YAML limits a simple key to 1,024 characters; far shorter keys are declined, so the limit never matters here.
    private const int MaxKeyLength = 1000;

    // Keys are told apart by comparing each with those before it in its mapping.
    private const int MaxKeysPerMapping = 512;

    private static readonly OutsideSubsetException Outside = new();

    private readonly string _text;
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly List<List<(int Start, int Length)>> _keysByDepth = [];
    private char[] _scratch = new char[256];
    private YamlJsonDocument _facts = new();

    // The current line: where it starts and ends (the line break left out), where the next one starts, its 1-based
    // number and its indentation; whether it is a "---" line; whether the text has no more lines.
    private int _lineStart;
    private int _lineEnd;
    private int _nextLine;
    private int _lineNumber;
    private int _indent;
    private bool _atMarker;
    private bool _atEnd;

    private BlockManifestReader(string text)
    {
        _text = text;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Reads every document of a stream in the subset, or declines.</summary>
    /// <param name="text">The stream.</param>
    /// <returns>
    /// Each document that holds a node, as <see cref="YamlDocumentReader.TryRead"/> gives it (which also gives empty
    /// documents, which the loader skips); or <see langword="null"/> when the stream is outside the subset.
    /// </returns>
    public static List<YamlJsonDocument>? TryRead(string text)
    {
        try
        {
            return new BlockManifestReader(text).ReadAll();
        }
        catch (OutsideSubsetException)
        {
            return null;
        }
    }

    private List<YamlJsonDocument> ReadAll()
    {
        var documents = new List<YamlJsonDocument>();
        _lineNumber = 1;
        Load(0);
        SkipToContent();
        if (_atEnd)
        {
            return documents;
        }

        // An implicit first document starts on the first line; others on the line after their "---".
        var firstLine = 1;
        if (_atMarker)
        {
            firstLine = _lineNumber + 1;
            Advance();
        }

        while (true)
        {
            if (!_atEnd && !_atMarker)
            {
                documents.Add(ReadDocument(firstLine));
            }

            if (_atEnd)
            {
                return documents;
            }

            firstLine = _lineNumber + 1;
            Advance();
        }
    }

    private YamlJsonDocument ReadDocument(int firstLine)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _facts = new YamlJsonDocument { FirstLine = firstLine };
        var kind = ReadOwnLineNode(_indent, 1, DocumentField.Other);
        if (!_atEnd && !_atMarker)
        {
            throw Outside;
        }

        _writer.Flush();
        _facts.Utf8Json = _buffer.WrittenSpan.ToArray();
        _facts.IsMapping = kind == JsonValueKind.Object;
        return _facts;
    }

    /// <summary>A block collection that starts a line (the current one) at <paramref name="column"/>.</summary>
    private JsonValueKind ReadOwnLineNode(int column, int depth, DocumentField field)
    {
        var position = _lineStart + column;
        if (IsSequenceEntry(position))
        {
            ReadSequence(column, depth, field, sharesKeyIndent: false);
            return JsonValueKind.Array;
        }

        if (FindKeyEnd(position) >= 0)
        {
            ReadMapping(column, depth, field);
            return JsonValueKind.Object;
        }

        // A scalar or a flow collection on a line of its own.
        throw Outside;
    }

    /// <summary>
    /// A block mapping whose first key is at <paramref name="column"/> of the current line; it ends at a line
    /// indented less, a document start or the end of the text.
    /// </summary>
    private void ReadMapping(int column, int depth, DocumentField field)
    {
        if (depth > YamlShapeCheck.MaxDepth)
        {
            throw Outside;
        }

        var keys = KeysAt(depth);
        keys.Clear();
        _writer.WriteStartObject();
        var position = _lineStart + column;
        while (true)
        {
            var colon = FindKeyEnd(position);
            if (colon < 0)
            {
                throw Outside;
            }

            var key = KeyOf(position, colon, keys);
            _writer.WritePropertyName(key);
            _facts.HasHeaders |= key.SequenceEqual("headers");
            ReadValue(colon + 1, column, depth + 1, DocumentFields.Of(field, depth, key));
            if (_atEnd || _atMarker || _indent < column)
            {
                break;
            }

            if (_indent > column)
            {
                throw Outside;
            }

            position = _lineStart + column;
        }

        _writer.WriteEndObject();
        DocumentFields.Note(_facts, field, JsonValueKind.Object, null);
    }

    /// <summary>
    /// The value of a block mapping key, from just after its colon; leaves the next content line current.
    /// </summary>
    private void ReadValue(int position, int keyColumn, int depth, DocumentField field)
    {
        var start = SkipSpaces(position);
        if (start < _lineEnd && _text[start] != '#')
        {
            ReadInline(start, depth, field);
            return;
        }

        Advance();
        if (!_atEnd && !_atMarker)
        {
            if (_indent > keyColumn)
            {
                ReadOwnLineNode(_indent, depth, field);
                return;
            }

            if (_indent == keyColumn && IsSequenceEntry(_lineStart + _indent))
            {
                ReadSequence(keyColumn, depth, field, sharesKeyIndent: true);
                return;
            }
        }

        WritePlain([], field);
    }

    /// <summary>
    /// A block sequence whose first <c>-</c> is at <paramref name="column"/> of the current line. One that
    /// <paramref name="sharesKeyIndent"/> (a sequence at its key's indentation) also ends at a line at that indentation
    /// that is no entry: the mapping's next key.
    /// </summary>
    private void ReadSequence(int column, int depth, DocumentField field, bool sharesKeyIndent)
    {
        if (depth > YamlShapeCheck.MaxDepth)
        {
            throw Outside;
        }

        _writer.WriteStartArray();
        while (true)
        {
            var start = SkipSpaces(_lineStart + column + 1);
            if (start == _lineEnd || _text[start] == '#')
            {
                Advance();
                if (!_atEnd && !_atMarker && _indent > column)
                {
                    ReadOwnLineNode(_indent, depth + 1, DocumentField.Other);
                }
                else
                {
                    WritePlain([], DocumentField.Other);
                }
            }
            else if (IsSequenceEntry(start))
            {
                throw Outside;
            }
            else if (FindKeyEnd(start) >= 0)
            {
                ReadMapping(start - _lineStart, depth + 1, DocumentField.Other);
            }
            else
            {
                ReadInline(start, depth + 1, DocumentField.Other);
            }

            if (_atEnd || _atMarker || _indent < column)
            {
                break;
            }

            if (_indent == column && IsSequenceEntry(_lineStart + column))
            {
                continue;
            }

            if (_indent == column && sharesKeyIndent)
            {
                break;
            }

            throw Outside;
        }

        _writer.WriteEndArray();
        DocumentFields.Note(_facts, field, JsonValueKind.Array, null);
    }

    /// <summary>
    /// A value that ends its line (a comment may follow): a scalar or a flow collection. Leaves the next content line
    /// current.
    /// </summary>
    private void ReadInline(int position, int depth, DocumentField field)
    {
        var end = _text[position] switch
        {
            '\'' or '"' => WriteQuoted(position, field),
            '[' or '{' => ReadFlowNode(position, depth, field),
            _ when IsPlainStart(position, flow: false) => WriteBlockPlain(position, field),
            _ => throw Outside,
        };
        var rest = SkipSpaces(end);
        if (rest < _lineEnd && (_text[rest] != '#' || rest == end))
        {
            throw Outside;
        }

        Advance();
    }

    /// <summary>A plain scalar ending its line; returns where it ends, trailing spaces left out.</summary>
    private int WriteBlockPlain(int position, DocumentField field)
    {
        var end = _lineEnd;
        for (var i = NextColonOrHash(position + 1); i < _lineEnd; i = NextColonOrHash(i + 1))
        {
            if (_text[i] == ':' && (i + 1 == _lineEnd || _text[i + 1] == ' '))
            {
                // A key on the line of a value.
                throw Outside;
            }

            if (_text[i] == '#' && _text[i - 1] == ' ')
            {
                end = i;
                break;
            }
        }

        while (_text[end - 1] == ' ')
        {
            end--;
        }

        WritePlain(_text.AsSpan(position, end - position), field);
        return end;
    }

    private int ReadFlowNode(int position, int depth, DocumentField field) => _text[position] switch
    {
        '[' => ReadFlowSequence(position, depth, field),
        '{' => ReadFlowMapping(position, depth, field),
        '\'' or '"' => WriteQuoted(position, field),
        _ when IsPlainStart(position, flow: true) => WriteFlowPlain(position, field),
        _ => throw Outside,
    };

    private int ReadFlowSequence(int position, int depth, DocumentField field)
    {
        if (depth > YamlShapeCheck.MaxDepth)
        {
            throw Outside;
        }

        _writer.WriteStartArray();
        var i = FlowSkip(position + 1);
        if (_text[i] == ']')
        {
            i++;
        }
        else
        {
            while (true)
            {
                i = FlowSkip(ReadFlowNode(i, depth + 1, DocumentField.Other));
                if (_text[i] == ']')
                {
                    i++;
                    break;
                }

                i = NextFlowEntry(i);
            }
        }

        _writer.WriteEndArray();
        DocumentFields.Note(_facts, field, JsonValueKind.Array, null);
        return i;
    }

    private int ReadFlowMapping(int position, int depth, DocumentField field)
    {
        if (depth > YamlShapeCheck.MaxDepth)
        {
            throw Outside;
        }

        var keys = KeysAt(depth);
        keys.Clear();
        _writer.WriteStartObject();
        var i = FlowSkip(position + 1);
        if (_text[i] == '}')
        {
            i++;
        }
        else
        {
            while (true)
            {
                var colon = FindFlowKeyEnd(i);
                var key = KeyOf(i, colon, keys);
                _writer.WritePropertyName(key);
                _facts.HasHeaders |= key.SequenceEqual("headers");
                i = FlowSkip(colon + 1);
                if (_text[i] is ',' or '}')
                {
                    throw Outside;
                }

                i = FlowSkip(ReadFlowNode(i, depth + 1, DocumentFields.Of(field, depth, key)));
                if (_text[i] == '}')
                {
                    i++;
                    break;
                }

                i = NextFlowEntry(i);
            }
        }

        _writer.WriteEndObject();
        DocumentFields.Note(_facts, field, JsonValueKind.Object, null);
        return i;
    }

    /// <summary>Past the comma between two flow entries, to the next one (no empty entry, no trailing comma).</summary>
    private int NextFlowEntry(int position)
    {
        if (_text[position] != ',')
        {
            throw Outside;
        }

        var next = FlowSkip(position + 1);
        return _text[next] is ',' or ']' or '}' ? throw Outside : next;
    }

    /// <summary>Spaces skipped inside a flow collection, which must not end on this line.</summary>
    private int FlowSkip(int position)
    {
        var next = SkipSpaces(position);
        return next < _lineEnd ? next : throw Outside;
    }

    /// <summary>The colon after a flow mapping key at <paramref name="position"/>, followed by a space.</summary>
    private int FindFlowKeyEnd(int position)
    {
        int colon;
        if (_text[position] is '\'' or '"')
        {
            colon = ClosingQuote(position) + 1;
        }
        else if (IsPlainStart(position, flow: true))
        {
            colon = position + 1;
            while (colon < _lineEnd && _text[colon] is not (':' or ',' or '[' or ']' or '{' or '}' or '#'))
            {
                colon++;
            }

            if (_text[colon - 1] == ' ')
            {
                throw Outside;
            }
        }
        else
        {
            throw Outside;
        }

        return colon + 1 < _lineEnd && _text[colon] == ':' && _text[colon + 1] == ' ' ? colon : throw Outside;
    }

    /// <summary>A plain scalar in a flow collection; returns where it ends, trailing spaces left out.</summary>
    private int WriteFlowPlain(int position, DocumentField field)
    {
        var end = position + 1;
        while (end < _lineEnd && _text[end] is not (',' or ']' or '}'))
        {
            // "example/app:1.0" is one scalar; a colon before a space or a flow indicator is not.
            if (_text[end] is '#' or '[' or '{'
                || (_text[end] == ':' && (end + 1 == _lineEnd || IsFlowBreak(_text[end + 1]))))
            {
                throw Outside;
            }

            end++;
        }

        while (_text[end - 1] == ' ')
        {
            end--;
        }

        WritePlain(_text.AsSpan(position, end - position), field);
        return end;
    }

    /// <summary>A single- or double-quoted scalar on one line; returns where it ends, past its closing quote.</summary>
    private int WriteQuoted(int position, DocumentField field)
    {
        var close = ClosingQuote(position);
        var content = _text.AsSpan(position + 1, close - position - 1);
        var value = _text[position] == '\''
            ? content.Contains('\'') ? UnescapeSingle(content) : content
            : content.Contains('\\') ? UnescapeDouble(content) : content;
        _writer.WriteStringValue(value);
        DocumentFields.Note(
            _facts, field, JsonValueKind.String, DocumentFields.NeedsText(field) ? value.ToString() : null);
        return close + 1;
    }

    private void WritePlain(ReadOnlySpan<char> value, DocumentField field)
    {
        if (!YamlJsonBridge.MayBeTyped(value) && !DocumentFields.NeedsText(field))
        {
            _writer.WriteStringValue(value);
            DocumentFields.Note(_facts, field, JsonValueKind.String, null);
            return;
        }

        var text = value.ToString();
        DocumentFields.Note(_facts, field, YamlJsonBridge.WriteScalar(_writer, text, typed: true), text);
    }

    /// <summary>
    /// The colon ending a block mapping key that starts at <paramref name="position"/>, or -1 when the line does not
    /// hold a key there.
    /// </summary>
    private int FindKeyEnd(int position)
    {
        if (_text[position] is '\'' or '"')
        {
            var after = ClosingQuoteOrNone(position) + 1;
            return after > 0 && after < _lineEnd && _text[after] == ':'
                && (after + 1 == _lineEnd || _text[after + 1] == ' ')
                ? after : -1;
        }

        if (!IsPlainStart(position, flow: false))
        {
            return -1;
        }

        var i = NextColonOrHash(position + 1);
        while (i < _lineEnd)
        {
            if (_text[i] == ':' && (i + 1 == _lineEnd || _text[i + 1] == ' '))
            {
                return i;
            }

            if (_text[i] == '#' && _text[i - 1] == ' ')
            {
                return -1;
            }

            i = NextColonOrHash(i + 1);
        }

        return -1;
    }

    /// <summary>The first colon or hash of the current line from <paramref name="position"/>, or its end.</summary>
    private int NextColonOrHash(int position)
    {
        var found = _text.AsSpan(position, _lineEnd - position).IndexOfAny(':', '#');
        return found < 0 ? _lineEnd : position + found;
    }

    /// <summary>
    /// The text of the key from <paramref name="position"/> to its <paramref name="colon"/>, checked against the
    /// mapping's earlier keys: a quoted key only without escapes, a plain key without trailing spaces.
    /// </summary>
    private ReadOnlySpan<char> KeyOf(int position, int colon, List<(int Start, int Length)> keys)
    {
        if (colon - position > MaxKeyLength || keys.Count >= MaxKeysPerMapping)
        {
            throw Outside;
        }

        var quote = _text[position];
        var (start, length) = quote is '\'' or '"'
            ? (position + 1, colon - position - 2)
            : (position, colon - position);
        var key = _text.AsSpan(start, length);
        if ((quote is '\'' && key.Contains('\'')) || (quote is '"' && key.Contains('\\'))
            || (quote is not ('\'' or '"') && key[^1] == ' '))
        {
            throw Outside;
        }

        foreach (var (otherStart, otherLength) in keys)
        {
            if (otherLength == length && key.SequenceEqual(_text.AsSpan(otherStart, otherLength)))
            {
                throw Outside;
            }
        }

        keys.Add((start, length));
        return key;
    }

    private int ClosingQuote(int position)
    {
        var close = ClosingQuoteOrNone(position);
        return close >= 0 ? close : throw Outside;
    }

    /// <summary>The closing quote of the scalar opened at <paramref name="position"/> on its line, or -1.</summary>
    private int ClosingQuoteOrNone(int position)
    {
        var quote = _text[position];
        for (var i = position + 1; i < _lineEnd; i++)
        {
            var c = _text[i];
            if (quote == '\'' && c == '\'')
            {
                if (i + 1 < _lineEnd && _text[i + 1] == '\'')
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (quote == '"' && c == '\\')
            {
                i++;
                continue;
            }

            if (quote == '"' && c == '"')
            {
                return i;
            }
        }

        return -1;
    }

    private ReadOnlySpan<char> UnescapeSingle(ReadOnlySpan<char> content)
    {
        var scratch = Scratch(content.Length);
        var length = 0;
        for (var i = 0; i < content.Length; i++)
        {
            scratch[length++] = content[i];
            if (content[i] == '\'')
            {
                i++;
            }
        }

        return scratch.AsSpan(0, length);
    }

    /// <summary>The escapes of double-quoted scalars that this reader knows YamlDotNet reads the same way.</summary>
    private ReadOnlySpan<char> UnescapeDouble(ReadOnlySpan<char> content)
    {
        var scratch = Scratch(content.Length);
        var length = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] != '\\')
            {
                scratch[length++] = content[i];
                continue;
            }

            i++;
            scratch[length++] = content[i] switch
            {
                '\\' => '\\',
                '"' => '"',
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '0' => '\0',
                'a' => '\a',
                'b' => '\b',
                'e' => '\x1B',
                'f' => '\f',
                'v' => '\v',
                'x' => Hex(content, i + 1, 2),
                'u' => Hex(content, i + 1, 4),
                _ => throw Outside,
            };
            i += content[i] switch
            {
                'x' => 2,
                'u' => 4,
                _ => 0,
            };
        }

        return scratch.AsSpan(0, length);
    }

    private static char Hex(ReadOnlySpan<char> content, int start, int digits)
    {
        if (start + digits > content.Length)
        {
            throw Outside;
        }

        var value = 0;
        foreach (var c in content.Slice(start, digits))
        {
            var digit = char.IsAsciiDigit(c) ? c - '0'
                : char.IsAsciiHexDigit(c) ? (c | 0x20) - 'a' + 10
                : throw Outside;
            value = (value * 16) + digit;
        }

        // A surrogate half stands for nothing alone.
        return value is >= 0xD800 and <= 0xDFFF ? throw Outside : (char)value;
    }

    private char[] Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new char[Math.Max(length, _scratch.Length * 2)];
        }

        return _scratch;
    }

    /// <summary>Whether a plain scalar may start at <paramref name="position"/>: not at an indicator.</summary>
    private bool IsPlainStart(int position, bool flow)
    {
        var c = _text[position];
        if (char.IsAsciiLetterOrDigit(c))
        {
            return true;
        }

        if (c == '-')
        {
            // "-1" or "-foo", never "- " (an entry) nor, in a flow collection, "-," or "-]".
            return position + 1 < _lineEnd
                && (flow ? char.IsAsciiLetterOrDigit(_text[position + 1]) || _text[position + 1] == '.'
                    : _text[position + 1] != ' ');
        }

        return c is not ('?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>'
            or '\'' or '"' or '%' or '@' or '`' or ' ');
    }

    private static bool IsFlowBreak(char c) => c is ' ' or ',' or '[' or ']' or '{' or '}';

    private bool IsSequenceEntry(int position) =>
        _text[position] == '-' && (position + 1 == _lineEnd || _text[position + 1] == ' ');

    private int SkipSpaces(int position)
    {
        while (position < _lineEnd && _text[position] == ' ')
        {
            position++;
        }

        return position;
    }

    private List<(int Start, int Length)> KeysAt(int depth)
    {
        while (_keysByDepth.Count < depth)
        {
            _keysByDepth.Add([]);
        }

        return _keysByDepth[depth - 1];
    }

    /// <summary>Moves to the next line that holds anything but spaces or a comment.</summary>
    private void Advance()
    {
        _lineNumber++;
        Load(_nextLine);
        SkipToContent();
    }

    private void SkipToContent()
    {
        while (!_atEnd && (_lineStart + _indent == _lineEnd || _text[_lineStart + _indent] == '#'))
        {
            _lineNumber++;
            Load(_nextLine);
        }
    }

    /// <summary>Makes the line at <paramref name="start"/> current; declines a character outside the subset.</summary>
    private void Load(int start)
    {
        _atMarker = false;
        if (start >= _text.Length)
        {
            _atEnd = true;
            _lineStart = _lineEnd = _nextLine = _text.Length;
            _indent = 0;
            return;
        }

        var newline = _text.AsSpan(start).IndexOf('\n');
        var end = newline < 0 ? _text.Length : start + newline;
        _nextLine = newline < 0 ? _text.Length : end + 1;
        if (newline >= 0 && end > start && _text[end - 1] == '\r')
        {
            end--;
        }

        var line = _text.AsSpan(start, end - start);
        if (line.IndexOfAnyExceptInRange(' ', '~') >= 0)
        {
            throw Outside;
        }

        _lineStart = start;
        _lineEnd = end;
        _indent = line.IndexOfAnyExcept(' ') is var first and >= 0 ? first : line.Length;
        if (_indent > 0 || line.Length == 0)
        {
            return;
        }

        if (line[0] == '%' || line.StartsWith("...") || (line.StartsWith("---") && !IsDocumentStart(line)))
        {
            throw Outside;
        }

        _atMarker = line.StartsWith("---");
    }

    /// <summary>A "---" line with nothing after it but spaces and a comment.</summary>
    private static bool IsDocumentStart(ReadOnlySpan<char> line)
    {
        if (line.Length == 3)
        {
            return true;
        }

        if (line[3] != ' ')
        {
            return false;
        }

        var rest = line[3..].TrimStart(' ');
        return rest.IsEmpty || rest[0] == '#';
    }

    /// <summary>The stream holds something outside the subset.</summary>
    private sealed class OutsideSubsetException : Exception
    {
        public OutsideSubsetException()
            : base("the stream is outside the subset of YAML this reader reads")
        {
        }
    }
}
