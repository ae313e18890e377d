using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Translation;

/// <summary>
/// Turns a <see cref="MeshSnapshot"/> into one mesh's native resources. Implementations are pure: no I/O, no clock,
/// no randomness; the same snapshot gives byte-identical output.
/// </summary>
public interface IMeshTranslator
{
    /// <summary>The mesh name users select it by, for example <c>istio</c>.</summary>
    string Mesh { get; }

    /// <summary>Translates the whole snapshot, or only the given units.</summary>
    /// <param name="snapshot">The input.</param>
    /// <param name="units">The units to translate; <see langword="null"/> for all of them.</param>
    /// <returns>The generated resources and the translation diagnostics.</returns>
    TranslationResult Translate(MeshSnapshot snapshot, IReadOnlySet<UnitKey>? units = null);
}
