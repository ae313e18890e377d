using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Cli;

/// <summary>
/// Reads manifests and translates them for one mesh, as <c>translate</c> and <c>validate --mesh</c> both do; every
/// diagnostic about an object that was read from a file carries that file and line, whatever stage reported it.
/// </summary>
internal static class TranslationRun
{
    public static (MeshSnapshot Snapshot, TranslationResult Translation, List<Diagnostic> Diagnostics) Run(
        IMeshTranslator translator, LoadResult loaded)
    {
        var snapshot = SnapshotBuilder.FromLoadResult(loaded);
        var translation = translator.Translate(snapshot);
        var diagnostics = Locate(snapshot.Diagnostics.Concat(translation.Diagnostics), loaded);
        return (snapshot, translation, diagnostics);
    }

    /// <summary>Gives each diagnostic without a location the file and line of the object it is about.</summary>
    public static List<Diagnostic> Locate(IEnumerable<Diagnostic> diagnostics, LoadResult loaded)
    {
        var locations = new Dictionary<ResourceRef, SourceLocation>();
        foreach (var item in loaded.Objects)
        {
            locations.TryAdd(item.Ref, item.Location);
        }

        return
        [
            .. diagnostics.Select(d =>
                d.Location is null && d.Object is { } obj && locations.TryGetValue(obj, out var location)
                    ? d with { Location = location }
                    : d),
        ];
    }
}
