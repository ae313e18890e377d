using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// Reads a YAML document as a stream of parser events, before any node tree is built, and refuses what would make
/// building it unsafe: anchors and aliases (a few hundred bytes of aliases expand to gigabytes; Kubernetes manifests
/// have no use for them) and nesting deeper than a limit (deep trees overflow recursive readers).
/// </summary>
internal static class YamlShapeCheck
{
    /// <summary>The deepest nesting of mappings and sequences accepted, System.Text.Json's default depth.</summary>
    public const int MaxDepth = 64;

    /// <summary>Finds the first reason the document cannot be read safely.</summary>
    /// <param name="text">One YAML document.</param>
    /// <returns>The problem and its 1-based line in <paramref name="text"/>, or null when there is none.</returns>
    public static (string Message, int Line)? Check(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                var line = (int)current.Start.Line;
                switch (current)
                {
                    case AnchorAlias alias:
                        return ($"aliases (*{alias.Value}) are not accepted in manifests; write the value out", line);
                    case NodeEvent { Anchor.IsEmpty: false } node:
                        return ($"anchors (&{node.Anchor}) are not accepted in manifests; write the value out", line);
                    case MappingStart or SequenceStart when ++depth > MaxDepth:
                        return ($"the document nests deeper than {MaxDepth} levels", line);
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            return (TrimMark(e.Message), (int)e.Start.Line);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // The scanner throws these on some malformed flow collections; the user needs only "not valid YAML".
            return ("the document is not valid YAML", 1);
        }

        return null;
    }

    /// <summary>Drops YamlDotNet's "(Line: 1, Col: 2, ...): " prefix.</summary>
    public static string TrimMark(string message)
    {
        var index = message.IndexOf("): ", StringComparison.Ordinal);
        return index >= 0 ? message[(index + 3)..] : message;
    }
}
