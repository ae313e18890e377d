using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Adapters;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;

namespace Smi.Fleet;

/// <summary>
/// What the controller should write for a fleet: the CLI's translation of it, written as files (the hidden
/// <c>expect</c> subcommand), so that the fleet is loaded and translated in a process of its own and neither the
/// controller's process nor the API server's carries that work in its working set.
/// </summary>
public static class FleetExpectation
{
    /// <summary>
    /// Translates the fleet folder for the mesh and writes the expected outputs (JSON lines: <c>apiVersion</c>,
    /// <c>plural</c>, <c>namespace</c>, <c>name</c>, <c>spec</c>) and, when asked, the weighted TrafficSplits with the
    /// outputs of their units (JSON lines, see <see cref="ReadSplits"/>).
    /// </summary>
    /// <param name="fleet">The fleet folder.</param>
    /// <param name="mesh">The mesh.</param>
    /// <param name="outputsFile">Where the expected outputs go.</param>
    /// <param name="splitsFile">Where the weighted TrafficSplits go; none when null.</param>
    /// <param name="output">Gets one JSON line: <c>{"outputs":N,"splits":M}</c>.</param>
    public static void Write(string fleet, string mesh, string outputsFile, string? splitsFile, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var (catalog, provider) = Stages.Translators();
        using var providerScope = provider;
        var translator = catalog.Find(mesh) ?? throw new ArgumentException($"unknown mesh {mesh}", nameof(mesh));
        var plurals = provider.GetRequiredService<MeshAdapterCatalog>().OutputKinds(mesh, null)
            .DistinctBy(k => (k.Group, k.Kind)).ToDictionary(k => (k.Group, k.Kind), k => k.Plural);
        var snapshot = SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadPaths([fleet]));
        var result = translator.Translate(snapshot);
        var addresses = result.Resources.ToDictionary(
            r => r.Ref,
            r => new StoredObjectAddress(
                r.Ref.ApiVersion,
                plurals.TryGetValue((r.Ref.Group, r.Ref.Kind), out var plural) ? plural : throw new InvalidOperationException($"{r.Ref.Kind} is not an output kind of {mesh}"),
                r.Ref.Namespace,
                r.Ref.Name));
        using (var writer = new StreamWriter(outputsFile, append: false, new UTF8Encoding(false)))
        {
            foreach (var resource in result.Resources)
            {
                var line = Address(addresses[resource.Ref]);
                line["spec"] = resource.ToJson()["spec"]?.DeepClone();
                writer.WriteLine(line.ToJsonString());
            }
        }

        var splits = 0;
        if (splitsFile is not null)
        {
            var byUnit = result.Resources.ToLookup(r => r.Unit, r => addresses[r.Ref]);
            var outputsOf = snapshot.UnitsByInput
                .Where(e => e.Key.Kind == "TrafficSplit" && e.Key.Namespace is not null)
                .ToDictionary(e => (e.Key.Namespace!, e.Key.Name), e => e.Value.SelectMany(u => byUnit[u]).Distinct().ToList());
            using var writer = new StreamWriter(splitsFile, append: false, new UTF8Encoding(false));
            foreach (var file in Directory.EnumerateFiles(fleet, "*.yaml").Order(StringComparer.Ordinal))
            {
                foreach (var document in FleetJson.Documents(File.ReadAllText(file)))
                {
                    if ((string?)document["kind"] != "TrafficSplit" || document["spec"]?["matches"] is not null)
                    {
                        continue;
                    }

                    var (ns, name) = ((string)document["metadata"]!["namespace"]!, (string)document["metadata"]!["name"]!);
                    var line = new JsonObject
                    {
                        ["namespace"] = ns,
                        ["name"] = name,
                        ["backends"] = document["spec"]!["backends"]!.DeepClone(),
                        ["outputs"] = new JsonArray([.. outputsOf.GetValueOrDefault((ns, name), []).Select(a => (JsonNode)Address(a))]),
                    };
                    writer.WriteLine(line.ToJsonString());
                    splits++;
                }
            }
        }

        output.WriteLine(new JsonObject { ["outputs"] = result.Resources.Length, ["splits"] = splits }.ToJsonString());
    }

    /// <summary>Reads the weighted TrafficSplits that <see cref="Write"/> wrote.</summary>
    /// <param name="splitsFile">The file.</param>
    /// <returns>The splits, in fleet order.</returns>
    public static List<CanarySplit> ReadSplits(string splitsFile) =>
        [.. File.ReadLines(splitsFile).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).Select(line => new CanarySplit(
            (string)line["namespace"]!,
            (string)line["name"]!,
            [.. line["backends"]!.AsArray().Select(b => ((string)b!["service"]!, (long)b["weight"]!))],
            [.. line["outputs"]!.AsArray().Select(a => ReadAddress(a!.AsObject()))]))];

    /// <summary>Reads an address written by <see cref="Write"/>.</summary>
    /// <param name="line">The JSON object.</param>
    /// <returns>The address.</returns>
    public static StoredObjectAddress ReadAddress(JsonObject line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new StoredObjectAddress((string)line["apiVersion"]!, (string)line["plural"]!, (string?)line["namespace"], (string)line["name"]!);
    }

    /// <summary>Reads the counts line <see cref="Write"/> prints.</summary>
    /// <param name="text">The printed text.</param>
    /// <returns>Expected outputs and weighted TrafficSplits.</returns>
    public static (int Outputs, int Splits) ReadCounts(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = JsonNode.Parse(text.Trim().Split('\n')[^1]) ?? throw new JsonException("no counts printed");
        return ((int)counts["outputs"]!, (int)counts["splits"]!);
    }

    private static JsonObject Address(StoredObjectAddress address) => new()
    {
        ["apiVersion"] = address.ApiVersion,
        ["plural"] = address.Plural,
        ["namespace"] = address.Namespace,
        ["name"] = address.Name,
    };
}
