using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Fleet;

namespace Smi.Benchmarks;

/// <summary>Inputs shared by the benchmarks: a generated fleet, loaded, snapshotted and translated once.</summary>
public static class Fixtures
{
    /// <summary>SMI objects in the fleet the pipeline benchmarks run on.</summary>
    public const int FleetObjects = 1000;

    /// <summary>The meshes the benchmarks translate for.</summary>
    public static IEnumerable<string> Meshes { get; } = ["consul", "istio", "linkerd"];

    /// <summary>The fleet's files.</summary>
    /// <returns>The files.</returns>
    public static IReadOnlyList<FleetFile> Files() => [.. FleetGenerator.Generate(FleetObjects, FleetCommandLine.DefaultSeed)];

    /// <summary>Loads the fleet's files.</summary>
    /// <param name="files">The files; generated when left out.</param>
    /// <returns>Everything read.</returns>
    public static LoadResult LoadFleet(IReadOnlyList<FleetFile>? files = null)
    {
        var loader = new ManifestLoader();
        var objects = new List<LoadedObject>();
        var diagnostics = new List<Abstractions.Diagnostics.Diagnostic>();
        foreach (var file in files ?? Files())
        {
            var result = loader.LoadText(file.Text, file.Name);
            objects.AddRange(result.Objects);
            diagnostics.AddRange(result.Diagnostics);
        }

        return new LoadResult([.. objects], [.. diagnostics]);
    }

    /// <summary>The translator of a mesh, with default options.</summary>
    /// <param name="mesh">The mesh.</param>
    /// <returns>The translator.</returns>
    public static IMeshTranslator Translator(string mesh)
    {
        var services = new ServiceCollection();
        services.AddSmi().AddConsul().AddIstio().AddLinkerd();
        return services.BuildServiceProvider().GetRequiredService<MeshTranslatorCatalog>().Find(mesh)
            ?? throw new ArgumentException($"unknown mesh {mesh}", nameof(mesh));
    }

    /// <summary>The fleet's snapshot.</summary>
    /// <returns>The snapshot.</returns>
    public static MeshSnapshot Snapshot() => SnapshotBuilder.FromLoadResult(LoadFleet());

    /// <summary>A mesh's translated fleet as JSON objects, ready to write.</summary>
    /// <param name="mesh">The mesh.</param>
    /// <returns>The objects.</returns>
    public static IReadOnlyList<JsonObject> Output(string mesh) =>
        [.. Translator(mesh).Translate(Snapshot()).Resources.Select(r => r.ToJson())];
}
