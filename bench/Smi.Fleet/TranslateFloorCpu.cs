using System.Diagnostics;
using System.Globalization;

namespace Smi.Fleet;

/// <summary>
/// <c>translate-floor --cpu</c>: the same two runs as <see cref="TranslateFloor"/> (<c>smi translate</c> through the CLI's
/// entry point, and the YAML floor), timed by the CPU time of the whole process (all threads, collector and JIT
/// included, <see cref="Process.TotalProcessorTime"/>) rather than by the clock, which load from other processes on a
/// shared machine stretches far more. The two run alternately after two warm-up runs of each, each run after a full
/// collection; each row gives the 1-minute load average at its start.
/// </summary>
public static class TranslateFloorCpu
{
    /// <summary>Runs the measurement and prints a table.</summary>
    /// <param name="sizes">Fleet sizes in SMI objects.</param>
    /// <param name="seed">The fleet seed.</param>
    /// <param name="iterations">Measured runs of each.</param>
    /// <param name="meshes">The meshes.</param>
    /// <param name="workDirectory">Where fleets are generated.</param>
    /// <param name="output">Where the report goes.</param>
    /// <returns>A task.</returns>
    public static async Task RunAsync(IReadOnlyList<int> sizes, int seed, int iterations, IReadOnlyList<string> meshes, string workDirectory, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(meshes);
        ArgumentNullException.ThrowIfNull(output);
        MachineInfo.Print(output);
        await output.WriteLineAsync($"seed {seed}; CPU time of the process per run (ms, median / least of {iterations}), translate and floor alternately after 2 warm-up runs of each").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("| SMI objects | mesh | load | translate CPU ms | floor CPU ms | ratio (median) | ratio (best) | translate alloc MB | floor alloc MB |").ConfigureAwait(false);
        await output.WriteLineAsync("|---:|---|---:|---:|---:|---:|---:|---:|---:|").ConfigureAwait(false);
        foreach (var size in sizes)
        {
            var directory = Path.Combine(workDirectory, $"fleet-{size}-{seed}");
            FleetGenerator.Write(directory, size, seed);
            var floor = new YamlFloor();
            foreach (var mesh in meshes)
            {
                var documents = await TranslateFloor.OutputDocumentsAsync(directory, mesh).ConfigureAwait(false);
                var load = LoadAverage();
                void Translate() => TranslateFloor.Translate(directory, mesh);
                void Floor()
                {
                    YamlFloor.Read(directory);
                    floor.Write(documents, new CountingWriter());
                }

                for (var warmup = 0; warmup < 2; warmup++)
                {
                    Translate();
                    Floor();
                }

                var translate = new List<(double Ms, long Bytes)>();
                var yaml = new List<(double Ms, long Bytes)>();
                for (var i = 0; i < iterations; i++)
                {
                    translate.Add(Once(Translate));
                    yaml.Add(Once(Floor));
                }

                var (tMedian, tLeast) = (Measure.Median([.. translate.Select(r => r.Ms)]), translate.Min(r => r.Ms));
                var (fMedian, fLeast) = (Measure.Median([.. yaml.Select(r => r.Ms)]), yaml.Min(r => r.Ms));
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {size:N0} | {mesh} | {load} | {tMedian:N0} / {tLeast:N0} | {fMedian:N0} / {fLeast:N0} | {tMedian / fMedian:F2}x | {tLeast / fLeast:F2}x | {Mb(translate):F0} | {Mb(yaml):F0} |")).ConfigureAwait(false);
            }
        }
    }

    private static (double Ms, long Bytes) Once(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = ProcessorTime();
        action();
        return ((ProcessorTime() - cpu).TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static double Mb(List<(double Ms, long Bytes)> runs) => runs.Select(r => r.Bytes).Order().ElementAt(runs.Count / 2) / 1024.0 / 1024.0;

    /// <summary>The 1-minute load average, from <c>/proc/loadavg</c>; "?" where there is none.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }
}
