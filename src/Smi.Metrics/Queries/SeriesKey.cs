namespace Smi.Metrics.Queries;

/// <summary>
/// Which labels of a query's result identify an object: the name label and the namespace label. When the mesh does not
/// export the namespace, <see cref="FixedNamespace"/> gives the namespace to assume.
/// </summary>
/// <param name="NameLabel">The label holding the object's name.</param>
/// <param name="NamespaceLabel">The label holding its namespace; <see langword="null"/> for namespaces themselves or
/// when fixed.</param>
public sealed record SeriesKey(string NameLabel, string? NamespaceLabel)
{
    /// <summary>
    /// The namespace to assume when <see cref="NamespaceLabel"/> is <see langword="null"/> for a namespaced kind.
    /// </summary>
    public string? FixedNamespace { get; init; }

    /// <summary>The labels a query groups by, in order.</summary>
    public IEnumerable<string> Labels => NamespaceLabel is null ? [NameLabel] : [NamespaceLabel, NameLabel];
}
