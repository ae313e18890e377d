using System.Collections.Immutable;

namespace Smi.Abstractions.Adapters;

/// <summary>The registered mesh adapters, by name.</summary>
public sealed class MeshAdapterCatalog
{
    private readonly ImmutableSortedDictionary<string, IMeshAdapter> _byName;

    /// <summary>Creates the catalog; the first adapter registered under a name wins.</summary>
    /// <param name="adapters">The registered adapters.</param>
    public MeshAdapterCatalog(IEnumerable<IMeshAdapter> adapters)
    {
        ArgumentNullException.ThrowIfNull(adapters);
        var byName = ImmutableSortedDictionary.CreateBuilder<string, IMeshAdapter>(StringComparer.Ordinal);
        foreach (var adapter in adapters)
        {
            byName.TryAdd(adapter.Name, adapter);
        }

        _byName = byName.ToImmutable();
    }

    /// <summary>The registered mesh names, sorted.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>The registered adapters, sorted by name.</summary>
    public IEnumerable<IMeshAdapter> All => _byName.Values;

    /// <summary>Finds the adapter of a mesh.</summary>
    /// <param name="mesh">The mesh name.</param>
    /// <returns>The adapter, or <see langword="null"/> when none is registered under that name.</returns>
    public IMeshAdapter? Find(string mesh) => _byName.GetValueOrDefault(mesh);

    /// <summary>
    /// The kinds a controller for <paramref name="mesh"/> writes: its adapter's, then those of the adapter it delegates
    /// access control to, each once.
    /// </summary>
    /// <param name="mesh">The mesh name.</param>
    /// <param name="accessControlDelegate">The delegate's mesh name, or <see langword="null"/>.</param>
    /// <returns>The kinds; empty for an unknown mesh.</returns>
    public ImmutableArray<MeshResourceKind> OutputKinds(string mesh, string? accessControlDelegate = null) =>
        Kinds(mesh, accessControlDelegate, a => a.OutputKinds);

    /// <summary>The kinds a controller for <paramref name="mesh"/> reads for its adapter and its delegate.</summary>
    /// <param name="mesh">The mesh name.</param>
    /// <param name="accessControlDelegate">The delegate's mesh name, or <see langword="null"/>.</param>
    /// <returns>The kinds; empty for an unknown mesh.</returns>
    public ImmutableArray<MeshResourceKind> WatchedKinds(string mesh, string? accessControlDelegate = null) =>
        Kinds(mesh, accessControlDelegate, a => a.WatchedKinds);

    private ImmutableArray<MeshResourceKind> Kinds(
        string mesh, string? accessControlDelegate, Func<IMeshAdapter, ImmutableArray<MeshResourceKind>> kinds)
    {
        if (Find(mesh) is not { } own)
        {
            return [];
        }

        var delegated = own.AccessControlDelegates.FirstOrDefault(d => d.Name == accessControlDelegate);
        return [.. kinds(own).Concat(delegated is null ? [] : kinds(delegated)).Distinct()];
    }
}
