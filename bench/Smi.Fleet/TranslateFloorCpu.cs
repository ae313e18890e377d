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
        var collections = new List<string>();
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

                var translate = new List<Run>();
                var yaml = new List<Run>();
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
                collections.Add(string.Create(CultureInfo.InvariantCulture, $"{size:N0} {mesh}: translate {Collections(translate)}; floor {Collections(yaml)}"));
            }
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        foreach (var line in collections)
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    private static Run Once(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        int[] counts = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var paused = GC.GetTotalPauseDuration();
        var cpu = ProcessorTime();
        action();
        var ms = (ProcessorTime() - cpu).TotalMilliseconds;
        return new Run(
            ms,
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            [.. counts.Select((c, generation) => GC.CollectionCount(generation) - c)],
            (GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
    }

    /// <summary>Collections of each generation (a gen2 collection counts in gen0 and gen1 too) and the pause time,
    /// median of the runs.</summary>
    private static string Collections(List<Run> runs) => string.Create(
        CultureInfo.InvariantCulture,
        $"gen0/1/2 {Median(runs, r => r.Collections[0])}/{Median(runs, r => r.Collections[1])}/{Median(runs, r => r.Collections[2])}, paused {Measure.Median([.. runs.Select(r => r.PausedMs)]):N0} ms");

    private static double Median(List<Run> runs, Func<Run, int> value) => Measure.Median([.. runs.Select(r => (double)value(r))]);

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static double Mb(List<Run> runs) => runs.Select(r => r.Bytes).Order().ElementAt(runs.Count / 2) / 1024.0 / 1024.0;

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

    /// <summary>One measured run: CPU time, bytes allocated, collections of each generation, GC pause.</summary>
    private sealed record Run(double Ms, long Bytes, int[] Collections, double PausedMs);
}
