using System.Collections.Immutable;
using Smi.Abstractions.Diagnostics;

namespace Smi.Abstractions.Translation;

/// <summary>What a translator returns: resources sorted by reference, and diagnostics in a stable order.</summary>
/// <param name="Resources">The generated resources.</param>
/// <param name="Diagnostics">Problems and remarks about the translation.</param>
public sealed record TranslationResult(ImmutableArray<GeneratedResource> Resources, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Builds a result with resources and diagnostics put in their stable order.</summary>
    /// <param name="resources">The resources, in any order.</param>
    /// <param name="diagnostics">The diagnostics, in any order.</param>
    /// <returns>The sorted result.</returns>
    public static TranslationResult Sorted(IEnumerable<GeneratedResource> resources, IEnumerable<Diagnostic> diagnostics) =>
        new(
            [.. resources.OrderBy(r => r.Ref).ThenBy(r => r.Ref.ApiVersion, StringComparer.Ordinal)],
            [.. diagnostics.Distinct().Order(DiagnosticOrder.Instance)]);
}
