namespace Smi.Abstractions.Serialization;

/// <summary>
/// One YAML document written as UTF-8 JSON, or an object given as parsed JSON (<see cref="JsonElementDocument"/>),
/// with the few fields the loader decides on before it reads the document any further: its apiVersion, kind, name,
/// namespace and uid when each is a string, and whether anything in it needs the checks that only the JSON nodes can
/// make.
/// </summary>
internal sealed class YamlJsonDocument
{
    /// <summary>The document as UTF-8 JSON, or <see langword="null"/> for an empty document.</summary>
    public byte[]? Utf8Json { get; set; }

    /// <summary>The line the document starts on.</summary>
    public int FirstLine { get; init; }

    /// <summary>Whether the document is a mapping.</summary>
    public bool IsMapping { get; set; }

    /// <summary>
    /// Whether the document holds a null anywhere, a key named <c>headers</c>, or an <c>apiVersion</c>,
    /// <c>kind</c> or <c>metadata</c> field of another type than expected: what the loader checks on JSON nodes.
    /// </summary>
    public bool NeedsNodeChecks => HasHeaders || HasNullOrMistypedFact;

    /// <summary>Whether a key named <c>headers</c> appears anywhere in the document.</summary>
    public bool HasHeaders { get; set; }

    /// <summary>
    /// Whether the document holds a null anywhere, or an <c>apiVersion</c>, <c>kind</c> or <c>metadata</c> field of
    /// another type than expected.
    /// </summary>
    public bool HasNullOrMistypedFact { get; set; }

    /// <summary>The top-level <c>apiVersion</c>, when a string.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>The top-level <c>kind</c>, when a string.</summary>
    public string? Kind { get; set; }

    /// <summary><c>metadata.name</c>, when a string.</summary>
    public string? Name { get; set; }

    /// <summary><c>metadata.namespace</c>, when a string.</summary>
    public string? Namespace { get; set; }

    /// <summary><c>metadata.uid</c>, when a string.</summary>
    public string? Uid { get; set; }
}
