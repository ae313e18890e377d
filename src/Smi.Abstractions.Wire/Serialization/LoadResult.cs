using System.Collections.Immutable;
using Smi.Abstractions.Diagnostics;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// What a manifest loader (<c>ManifestLoader</c> in Smi.Abstractions.Tooling) read: the objects it understood and
/// diagnostics for the rest.
/// </summary>
/// <param name="Objects">The objects, in input order.</param>
/// <param name="Diagnostics">Parse problems and ignored kinds.</param>
public sealed record LoadResult(ImmutableArray<LoadedObject> Objects, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>One result of parts read one after another: their objects and diagnostics, in order.</summary>
    /// <param name="parts">The parts, such as a loader reads file by file.</param>
    /// <returns>The parts joined.</returns>
    public static LoadResult Join(IEnumerable<LoadResult> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var objects = ImmutableArray.CreateBuilder<LoadedObject>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var part in parts)
        {
            objects.AddRange(part.Objects);
            diagnostics.AddRange(part.Diagnostics);
        }

        return new LoadResult(objects.ToImmutable(), diagnostics.ToImmutable());
    }
}
