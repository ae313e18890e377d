namespace Smi.Abstractions.Snapshot;

/// <summary>
/// For each namespace, the other namespaces whose TrafficTargets name it (as a source or a destination): what a
/// namespace's objects contribute is read again when a namespace it names changes. The reverse of each namespace's
/// list of named namespaces, which its owner keeps and hands over on every change of it.
/// </summary>
internal sealed class NamespaceNamers
{
    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>(StringComparer.Ordinal);

    private readonly Dictionary<string, HashSet<string>> _namedBy = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="ns"/> now names <paramref name="after"/> instead of
    /// <paramref name="before"/>.</summary>
    /// <param name="ns">The naming namespace.</param>
    /// <param name="before">What it named until now (empty if nothing was recorded).</param>
    /// <param name="after">What it names now (empty when it is gone).</param>
    public void Replace(string ns, IEnumerable<string> before, IEnumerable<string> after)
    {
        foreach (var named in before)
        {
            if (_namedBy.TryGetValue(named, out var namers) && namers.Remove(ns) && namers.Count == 0)
            {
                _namedBy.Remove(named);
            }
        }

        foreach (var named in after)
        {
            if (!_namedBy.TryGetValue(named, out var namers))
            {
                namers = new HashSet<string>(StringComparer.Ordinal);
                _namedBy[named] = namers;
            }

            namers.Add(ns);
        }
    }

    /// <summary>The namespaces that name <paramref name="ns"/>.</summary>
    /// <param name="ns">The named namespace.</param>
    /// <returns>Its namers; empty when none.</returns>
    public IReadOnlySet<string> Of(string ns) =>
        _namedBy.TryGetValue(ns, out var namers) ? namers : EmptySet;

    /// <summary>
    /// Adds to <paramref name="dirty"/> each of <paramref name="changed"/> and the namespaces that name it: a
    /// namespace taken as the namer of another still brings its own namers when it changed itself.
    /// </summary>
    /// <param name="dirty">The set to add to.</param>
    /// <param name="changed">The namespaces that changed.</param>
    public void AddWithNamers(ISet<string> dirty, IEnumerable<string> changed)
    {
        foreach (var ns in changed)
        {
            dirty.Add(ns);
            dirty.UnionWith(Of(ns));
        }
    }

    /// <summary>Forgets every namespace.</summary>
    public void Clear() => _namedBy.Clear();
}
