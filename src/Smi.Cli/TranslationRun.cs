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
        IMeshTranslator translator, LoadResult loaded) => Run(translator, [loaded]);

    /// <summary>
    /// Translates what a loader read in parts (one per file), keeping of each object only its snapshot entry and
    /// its location: the typed objects read are garbage once their part is converted, so a large input is not held
    /// whole while the snapshot is built and translated. Same snapshot and diagnostics as the parts joined.
    /// </summary>
    public static (MeshSnapshot Snapshot, TranslationResult Translation, List<Diagnostic> Diagnostics) Run(
        IMeshTranslator translator, IEnumerable<LoadResult> parts)
    {
        // SnapshotBuilder.Add(LoadResult) adds the loader's diagnostics first, then each object's entry in order.
        var loaderDiagnostics = new List<Diagnostic>();
        var entries = new List<SnapshotEntry>();
        var locations = new Dictionary<ResourceRef, SourceLocation>();
        foreach (var part in parts)
        {
            loaderDiagnostics.AddRange(part.Diagnostics);
            foreach (var item in part.Objects)
            {
                locations.TryAdd(item.Ref, item.Location);
                if (SnapshotEntry.From(item.Resource, item.Location) is { } entry)
                {
                    entries.Add(entry);
                }
            }
        }

        var builder = new SnapshotBuilder().AddDiagnostics(loaderDiagnostics);
        foreach (var entry in entries)
        {
            builder.Add(entry);
        }

        var snapshot = builder.Build();
        var translation = translator.Translate(snapshot);
        var diagnostics = Locate(snapshot.Diagnostics.Concat(translation.Diagnostics), locations);
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

        return Locate(diagnostics, locations);
    }

    /// <summary>Gives each diagnostic without a location the location its object has in the map.</summary>
    private static List<Diagnostic> Locate(
        IEnumerable<Diagnostic> diagnostics, Dictionary<ResourceRef, SourceLocation> locations) =>
        [
            .. diagnostics.Select(d =>
                d.Location is null && d.Object is { } obj && locations.TryGetValue(obj, out var location)
                    ? d with { Location = location }
                    : d),
        ];
}
