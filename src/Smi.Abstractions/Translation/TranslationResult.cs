using System.Collections.Immutable;
using Smi.Abstractions.Diagnostics;

namespace Smi.Abstractions.Translation;

/// <summary>What a translator returns: resources sorted by reference, and diagnostics in a stable order.</summary>
/// <param name="Resources">The generated resources.</param>
/// <param name="Diagnostics">Problems and remarks about the translation.</param>
public sealed record TranslationResult(
    ImmutableArray<GeneratedResource> Resources, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>
    /// Builds a result with resources and diagnostics put in their stable order. This is the one place every
    /// translator (and the controller, merging per-unit results) builds its result, so it also refuses names used
    /// twice: different objects with the same API group, kind, namespace and name are all dropped with an
    /// <c>OutputNameConflict</c> error, since applying them would let one silently replace the other.
    /// </summary>
    /// <param name="resources">The resources, in any order.</param>
    /// <param name="diagnostics">The diagnostics, in any order.</param>
    /// <returns>The sorted result.</returns>
    public static TranslationResult Sorted(
        IEnumerable<GeneratedResource> resources, IEnumerable<Diagnostic> diagnostics)
    {
        var kept = OutputNameConflicts.Refuse(resources, out var conflicts);
        return new(
            [.. kept.OrderBy(r => r.Ref).ThenBy(r => r.Ref.ApiVersion, StringComparer.Ordinal)],
            [.. diagnostics.Concat(conflicts).Distinct().Order(DiagnosticOrder.Instance)]);
    }
}
