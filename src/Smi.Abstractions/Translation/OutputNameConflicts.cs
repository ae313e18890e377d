using Smi.Abstractions.Diagnostics;

namespace Smi.Abstractions.Translation;

/// <summary>
/// The final check over every translation result: two different objects with the same API group, kind, namespace
/// and name would replace each other when applied (a later ALLOW policy silently replacing a deny-all, for
/// example), so both are refused with an error. Byte-identical duplicates are one object and kept once.
/// </summary>
internal static class OutputNameConflicts
{
    /// <summary>The reason of the error diagnostic.</summary>
    public const string Reason = SmiReasons.OutputNameConflict;

    /// <summary>The resources without conflicting ones, and an error per conflict.</summary>
    /// <param name="resources">The generated resources.</param>
    /// <param name="conflicts">One error diagnostic per name used by different objects.</param>
    /// <returns>The resources to keep.</returns>
    public static List<GeneratedResource> Refuse(
        IEnumerable<GeneratedResource> resources, out List<Diagnostic> conflicts)
    {
        conflicts = [];
        var kept = new List<GeneratedResource>();
        var byName = resources.GroupBy(r => (Group(r.Ref.ApiVersion), r.Ref.Kind, r.Ref.Namespace, r.Ref.Name));
        foreach (var group in byName)
        {
            var distinct = group
                .GroupBy(r => r.ToJson().ToJsonString(), StringComparer.Ordinal)
                .Select(g => g.First())
                .ToList();
            if (distinct.Count == 1)
            {
                kept.Add(distinct[0]);
                continue;
            }

            var first = distinct[0];
            var sources = distinct
                .Select(r => Value(r.Object.Metadata?.Annotations, GeneratedMetadata.SourcesAnnotation))
                .Select(s => s ?? "no recorded input")
                .Order(StringComparer.Ordinal);
            conflicts.Add(Diagnostic.Error(
                Reason,
                first.Ref,
                "metadata.name",
                $"{distinct.Count} different generated objects are named {first.Ref.Kind} "
                    + $"{first.Ref.Namespace}/{first.Ref.Name} (from {string.Join("; ", sources)}); one would replace "
                    + "the other, so none of them was generated. Rename one of the inputs")
                with
                {
                    Mesh = Value(first.Object.Metadata?.Labels, GeneratedMetadata.MeshLabel),
                });
        }

        return kept;
    }

    private static string? Value(IDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;

    private static string Group(string? apiVersion)
    {
        var slash = apiVersion?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash < 0 ? string.Empty : apiVersion![..slash];
    }
}
