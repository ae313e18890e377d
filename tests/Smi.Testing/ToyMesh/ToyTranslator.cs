using System.Globalization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Testing.ToyMesh;

/// <summary>
/// A made-up fifth mesh whose routing is a <see cref="RouteTable"/> per TrafficSplit root service; it shows that a
/// mesh is added by its adapter and one registration line alone.
/// </summary>
/// <param name="options">The toy options.</param>
public sealed class ToyTranslator(ToyOptions options) : IMeshTranslator
{
    /// <summary>The mesh name.</summary>
    public const string MeshName = "toy";

    /// <inheritdoc/>
    public string Mesh => MeshName;

    /// <inheritdoc/>
    public TranslationResult Translate(MeshSnapshot snapshot, IReadOnlySet<UnitKey>? units = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var resources = new List<GeneratedResource>();
        foreach (var split in snapshot.Splits.GroupBy(s => UnitKey.ForSplitRoot(s.Namespace, s.RootService)))
        {
            if (units is not null && !units.Contains(split.Key))
            {
                continue;
            }

            var table = new RouteTable
            {
                Metadata = GeneratedMetadata.Create(
                    $"{options.Prefix}-{split.Key.Name}",
                    split.Key.Namespace,
                    MeshName,
                    split.Key,
                    split.Select(s => s.Source)),
            };
            foreach (var backend in split.SelectMany(s => s.Backends))
            {
                table.Backends[backend.Service] = backend.Weight.ToString(CultureInfo.InvariantCulture);
            }

            resources.Add(new GeneratedResource(split.Key, table));
        }

        return TranslationResult.Sorted(resources, []);
    }
}
