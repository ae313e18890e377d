using System.Text.Json;

namespace Smi.Abstractions.Serialization;

/// <summary>Which field a value of a manifest document is: one the loader decides on, or any other.</summary>
internal enum DocumentField
{
    /// <summary>Any field the loader does not look at before reading the document.</summary>
    Other,

    /// <summary>The top-level <c>apiVersion</c>.</summary>
    ApiVersion,

    /// <summary>The top-level <c>kind</c>.</summary>
    Kind,

    /// <summary>The top-level <c>metadata</c>.</summary>
    Metadata,

    /// <summary><c>metadata.name</c>.</summary>
    Name,

    /// <summary><c>metadata.namespace</c>.</summary>
    Namespace,

    /// <summary><c>metadata.uid</c>.</summary>
    Uid,
}

/// <summary>
/// How the readers that write documents straight to UTF-8 JSON note a document's facts (<see cref="YamlJsonDocument"/>)
/// while they write it: one rule for both, so that they note the same facts of the same document.
/// </summary>
internal static class DocumentFields
{
    /// <summary>Which field the value of <paramref name="key"/> is, in a mapping at <paramref name="depth"/>.</summary>
    /// <param name="parent">The field the mapping is.</param>
    /// <param name="depth">The mapping's depth, the root being 1.</param>
    /// <param name="key">The key.</param>
    /// <returns>The field.</returns>
    public static DocumentField Of(DocumentField parent, int depth, ReadOnlySpan<char> key) =>
        !NeedsKey(parent, depth) ? DocumentField.Other
        : depth == 1 ? key switch
        {
            "apiVersion" => DocumentField.ApiVersion,
            "kind" => DocumentField.Kind,
            "metadata" => DocumentField.Metadata,
            _ => DocumentField.Other,
        }
        : key switch
        {
            "name" => DocumentField.Name,
            "namespace" => DocumentField.Namespace,
            "uid" => DocumentField.Uid,
            _ => DocumentField.Other,
        };

    /// <summary>
    /// Whether <see cref="Of"/> looks at the key in a mapping at <paramref name="depth"/>: a reader may pass an empty
    /// key where it does not, and spare spelling the key out.
    /// </summary>
    /// <param name="parent">The field the mapping is.</param>
    /// <param name="depth">The mapping's depth, the root being 1.</param>
    /// <returns>Whether the key decides the field.</returns>
    public static bool NeedsKey(DocumentField parent, int depth) => depth == 1 || parent == DocumentField.Metadata;

    /// <summary>Whether a field needs its text: the fields whose string value the document notes.</summary>
    /// <param name="field">The field.</param>
    /// <returns>Whether <see cref="Note"/> needs the text of a string value.</returns>
    public static bool NeedsText(DocumentField field) => field is not (DocumentField.Other or DocumentField.Metadata);

    /// <summary>Notes one value written: a fact when it is one, and whether it needs the checks on nodes.</summary>
    /// <param name="facts">The document's facts.</param>
    /// <param name="field">The field the value is.</param>
    /// <param name="kind">The kind of value written.</param>
    /// <param name="text">The string written, for a field that <see cref="NeedsText"/>.</param>
    public static void Note(YamlJsonDocument facts, DocumentField field, JsonValueKind kind, string? text)
    {
        var expected = field switch
        {
            DocumentField.Other => kind,
            DocumentField.Metadata => JsonValueKind.Object,
            _ => JsonValueKind.String,
        };
        facts.HasNullOrMistypedFact |= kind == JsonValueKind.Null || kind != expected;
        if (kind != JsonValueKind.String)
        {
            return;
        }

        switch (field)
        {
            case DocumentField.ApiVersion:
                facts.ApiVersion = text;
                break;
            case DocumentField.Kind:
                facts.Kind = text;
                break;
            case DocumentField.Name:
                facts.Name = text;
                break;
            case DocumentField.Namespace:
                facts.Namespace = text;
                break;
            case DocumentField.Uid:
                facts.Uid = text;
                break;
        }
    }
}
