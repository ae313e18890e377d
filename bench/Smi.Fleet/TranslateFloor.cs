using System.Globalization;
using System.Text.Json.Nodes;
using Smi.Cli;

namespace Smi.Fleet;

/// <summary>
/// Measures <c>smi translate</c> of a generated fleet for each mesh, in process through the CLI's own entry point,
/// against the YAML floor (<see cref="YamlFloor"/>) on the same input and output documents.
/// </summary>
public static class TranslateFloor
{
    /// <summary>The meshes the CLI ships with.</summary>
    public static IReadOnlyList<string> Meshes { get; } = ["consul", "istio", "linkerd"];

    /// <summary>Runs the measurement and prints a table.</summary>
    /// <param name="sizes">Fleet sizes in SMI objects.</param>
    /// <param name="seed">The fleet seed.</param>
    /// <param name="iterations">Measured runs per figure.</param>
    /// <param name="meshes">The meshes.</param>
    /// <param name="workDirectory">Where fleets are generated.</param>
    /// <param name="output">Where the report goes.</param>
    /// <returns>The rows.</returns>
    public static async Task<IReadOnlyList<FloorRow>> RunAsync(IReadOnlyList<int> sizes, int seed, int iterations, IReadOnlyList<string> meshes, string workDirectory, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(meshes);
        ArgumentNullException.ThrowIfNull(output);
        var rows = new List<FloorRow>();
        MachineInfo.Print(output);
        await output.WriteLineAsync($"seed {seed}; translate and floor run alternately, {iterations} measured runs each after warm-up runs (at least 2, at least 5 s); times are medians").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(FloorRow.Header).ConfigureAwait(false);
        await output.WriteLineAsync(FloorRow.Rule).ConfigureAwait(false);
        foreach (var size in sizes)
        {
            var directory = Path.Combine(workDirectory, $"fleet-{size}-{seed}");
            var summary = FleetGenerator.Write(directory, size, seed);
            var floor = new YamlFloor();
            foreach (var mesh in meshes)
            {
                var documents = await OutputDocumentsAsync(directory, mesh).ConfigureAwait(false);
                var (translate, yaml) = Measure.Alternate(
                    iterations,
                    () => Translate(directory, mesh),
                    () =>
                    {
                        YamlFloor.Read(directory);
                        floor.Write(documents, new CountingWriter());
                    });
                var row = new FloorRow(size, mesh, summary.Documents, documents.Count, translate, yaml);
                rows.Add(row);
                await output.WriteLineAsync(row.ToString()).ConfigureAwait(false);
            }
        }

        return rows;
    }

    /// <summary>Runs <c>smi translate DIR --mesh MESH</c> in process, standard output counted and dropped.</summary>
    /// <param name="directory">The fleet folder.</param>
    /// <param name="mesh">The mesh.</param>
    /// <returns>Characters written to standard output.</returns>
    public static long Translate(string directory, string mesh)
    {
        var counter = new CountingWriter();
        var exit = SmiCommandLine.RunAsync(["translate", directory, "--mesh", mesh], new CliConsole(TextReader.Null, counter, TextWriter.Null)).GetAwaiter().GetResult();
        if (exit != 0)
        {
            throw new InvalidOperationException($"smi translate --mesh {mesh} exited with {exit}");
        }

        return counter.Characters;
    }

    /// <summary>The translated documents, read from the CLI's JSON output, as plain objects for the floor to write.</summary>
    internal static async Task<IReadOnlyList<object?>> OutputDocumentsAsync(string directory, string mesh)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await SmiCommandLine.RunAsync(["translate", directory, "--mesh", mesh, "--format", "json"], new CliConsole(TextReader.Null, stdout, stderr)).ConfigureAwait(false);
        if (exit != 0)
        {
            throw new InvalidOperationException($"smi translate --mesh {mesh} exited with {exit}:\n{stderr}");
        }

        var items = JsonNode.Parse(stdout.ToString())!["items"]!.AsArray();
        return [.. items.Select(YamlFloor.ToPlain)];
    }
}

/// <summary>One line of the translate-floor report.</summary>
/// <param name="Objects">SMI objects in the fleet.</param>
/// <param name="Mesh">The mesh.</param>
/// <param name="InputDocuments">Input documents, Kubernetes context included.</param>
/// <param name="OutputDocuments">Output documents.</param>
/// <param name="Translate">The translation's figures.</param>
/// <param name="Floor">The floor's figures.</param>
public sealed record FloorRow(int Objects, string Mesh, int InputDocuments, int OutputDocuments, Sample Translate, Sample Floor)
{
    /// <summary>Translate time over floor time.</summary>
    public double Ratio => Translate.MedianMs / Floor.MedianMs;

    /// <summary>Fastest translate run over fastest floor run: the least disturbed by other load on the machine.</summary>
    public double BestRatio => Translate.MinMs / Floor.MinMs;

    /// <summary>The table header.</summary>
    public static string Header => "| SMI objects | mesh | docs in/out | translate ms | floor ms | ratio (median) | ratio (best) | translate µs/obj | floor µs/obj | translate alloc MB | floor alloc MB | peak WS MB (translate) | WS MB per 1,000 |";

    /// <summary>The table rule.</summary>
    public static string Rule => "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Objects:N0} | {Mesh} | {InputDocuments:N0}/{OutputDocuments:N0} | {Translate.MedianMs:F0} | {Floor.MedianMs:F0} | {Ratio:F2}x | {BestRatio:F2}x | {Translate.MedianMs * 1000 / Objects:F1} | {Floor.MedianMs * 1000 / Objects:F1} | {Mb(Translate.AllocatedBytes):F0} | {Mb(Floor.AllocatedBytes):F0} | {Mb(Translate.PeakWorkingSet):F0} | {Mb(Translate.PeakWorkingSet) * 1000 / Objects:F1} |");

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;
}
