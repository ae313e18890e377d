using System.Collections.Immutable;

namespace Smi.Abstractions.Translation;

/// <summary>The mesh translators that are registered, by mesh name.</summary>
public sealed class MeshTranslatorCatalog
{
    private readonly ImmutableSortedDictionary<string, IMeshTranslator> _byMesh;

    /// <summary>Creates the catalog.</summary>
    /// <param name="translators">The registered translators.</param>
    public MeshTranslatorCatalog(IEnumerable<IMeshTranslator> translators)
    {
        _byMesh = translators.ToImmutableSortedDictionary(t => t.Mesh, t => t, StringComparer.Ordinal);
    }

    /// <summary>The registered mesh names, sorted.</summary>
    public IEnumerable<string> Meshes => _byMesh.Keys;

    /// <summary>Finds the translator for a mesh.</summary>
    /// <param name="mesh">The mesh name.</param>
    /// <returns>The translator, or <see langword="null"/> when none is registered under that name.</returns>
    public IMeshTranslator? Find(string mesh) => _byMesh.GetValueOrDefault(mesh);
}
