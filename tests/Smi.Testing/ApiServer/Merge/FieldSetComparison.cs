namespace Smi.Testing.ApiServer.Merge;

/// <summary>
/// What changed between two objects, as field paths (structured-merge-diff's <c>typed.Comparison</c>): leaves and
/// map keys or list items that appeared, changed or went away.
/// </summary>
internal sealed class FieldSetComparison
{
    public HashSet<string> Added { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Modified { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Removed { get; } = new(StringComparer.Ordinal);
}
