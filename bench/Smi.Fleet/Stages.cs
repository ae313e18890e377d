using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Fleet;

/// <summary>
/// Times each stage of the translate pipeline on a fleet (load, snapshot, translate, to JSON, YAML), through the
/// library's public API, to show where the time goes.
/// </summary>
public static class Stages
{
    /// <summary>Builds the translators with the CLI's default settings.</summary>
    /// <returns>The catalog, and the provider that owns it.</returns>
    public static (MeshTranslatorCatalog Catalog, ServiceProvider Provider) Translators()
    {
        var services = new ServiceCollection();
        services.AddSmi().AddConsul().AddIstio().AddLinkerd();
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<MeshTranslatorCatalog>(), provider);
    }

    /// <summary>Runs the pipeline once per iteration and prints the median time of every stage.</summary>
    /// <param name="directory">The fleet folder.</param>
    /// <param name="mesh">The mesh.</param>
    /// <param name="iterations">Measured runs after one warm-up.</param>
    /// <param name="output">Where to print.</param>
    public static void Run(string directory, string mesh, int iterations, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var (catalog, provider) = Translators();
        using (provider)
        {
            var translator = catalog.Find(mesh) ?? throw new ArgumentException($"unknown mesh {mesh}", nameof(mesh));
            var names = new[] { "load", "snapshot", "translate", "to JSON", "YAML" };
            var times = names.Select(_ => new List<double>()).ToArray();
            var allocations = names.Select(_ => new List<double>()).ToArray();
            for (var i = 0; i <= iterations; i++)
            {
                var stage = 0;
                var started = Stopwatch.GetTimestamp();
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                void Lap()
                {
                    if (i > 0)
                    {
                        times[stage].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        allocations[stage].Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024.0);
                    }

                    stage++;
                    allocated = GC.GetTotalAllocatedBytes(precise: true);
                    started = Stopwatch.GetTimestamp();
                }

                var loaded = new ManifestLoader().LoadPaths([directory]);
                Lap();
                var snapshot = SnapshotBuilder.FromLoadResult(loaded);
                Lap();
                var translation = translator.Translate(snapshot);
                Lap();
                var json = translation.Resources.Select(r => r.ToJson()).ToList();
                Lap();
                _ = ManifestWriter.ToYaml(json);
                Lap();
            }

            output.WriteLine($"{mesh}: stage medians over {iterations} runs");
            for (var s = 0; s < names.Length; s++)
            {
                output.WriteLine($"  {names[s],-10} {Measure.Median(times[s]),8:F0} ms {Measure.Median(allocations[s]),8:F0} MB allocated");
            }
        }
    }
}
