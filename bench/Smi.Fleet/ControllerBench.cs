using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions;
using Smi.Abstractions.Adapters;
using Smi.Abstractions.Crds;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Controller;
using Smi.Controller.Reconcile;
using Smi.Kube;
using Smi.Testing;
using Smi.Testing.ApiServer;

namespace Smi.Fleet;

/// <summary>What <see cref="ControllerBench"/> runs.</summary>
/// <param name="Objects">Fleet size in SMI objects.</param>
/// <param name="Mesh">The mesh the controller translates for.</param>
/// <param name="Changes">How many single-object changes to time.</param>
/// <param name="Seed">The fleet seed.</param>
/// <param name="Debounce">The least time between two of the controller's passes.</param>
/// <param name="Timeout">The deadline of convergence and of the resync; one change gets a thirtieth of it, at least 10 s.</param>
/// <param name="WorkDirectory">Where the fleet is generated.</param>
public sealed record ControllerBenchSettings(int Objects, string Mesh, int Changes, int Seed, TimeSpan Debounce, TimeSpan Timeout, string WorkDirectory);

/// <summary>
/// Runs a <see cref="ControllerCore"/> against the loopback API server holding a generated fleet and measures
/// convergence from empty, the latency and writes of single changes, the writes of a resync without changes and the
/// working set.
/// </summary>
public static class ControllerBench
{
    private const string SplitGroup = "split.smi-spec.io";
    private const string SplitVersion = "v1alpha4";

    /// <summary>Runs the measurement and prints the figures.</summary>
    /// <param name="settings">What to run.</param>
    /// <param name="output">Where to print.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>0 when every check held, 1 otherwise.</returns>
    public static async Task<int> RunAsync(ControllerBenchSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var crds = RepositoryPaths.Crds;
        MachineInfo.Print(output);
        var (catalog, provider) = Stages.Translators();
        using var providerScope = provider;
        var translator = catalog.Find(settings.Mesh) ?? throw new ArgumentException($"unknown mesh {settings.Mesh}", nameof(settings));

        // The expected outputs: the CLI's translation of the same fleet.
        var directory = Path.Combine(settings.WorkDirectory, $"fleet-{settings.Objects}-{settings.Seed}");
        var summary = FleetGenerator.Write(directory, settings.Objects, settings.Seed);
        var expected = Expect(translator, directory, null);
        output.WriteLine($"fleet: {summary.SmiObjects} SMI objects, {summary.Documents} documents; {settings.Mesh}: {expected.Outputs.Count} outputs");

        var started = Stopwatch.GetTimestamp();
        await using var server = await LoopbackApiServer.StartAsync(new LoopbackApiServerOptions
        {
            Namespaces = ["default"],
            CrdPaths = MeshCrds(crds, settings.Mesh),
            WatchHistoryLimit = 10_000,
        }, cancellationToken).ConfigureAwait(false);
        foreach (var crd in SmiCrdGenerator.Generate())
        {
            server.Seed(crd);
        }

        var splits = new List<Split>();
        foreach (var file in FleetGenerator.Generate(settings.Objects, settings.Seed))
        {
            foreach (var document in FleetJson.Documents(file.Text))
            {
                server.Seed(document);
                if ((string?)document["kind"] == "TrafficSplit" && document["spec"]?["matches"] is null)
                {
                    splits.Add(new Split(
                        (string)document["metadata"]!["namespace"]!,
                        (string)document["metadata"]!["name"]!,
                        [.. document["spec"]!["backends"]!.AsArray().Select(b => ((string)b!["service"]!, (long)b["weight"]!))]));
                }
            }
        }

        output.WriteLine($"seeded the loopback server in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

        ProcessMemory.Settle();
        var baseline = ProcessMemory.WorkingSet();
        var baselineHeap = GC.GetGCMemoryInfo().HeapSizeBytes;

        var options = new ControllerOptions
        {
            Mesh = settings.Mesh,
            Identity = "smi-fleet",
            HealthPort = 0,
            Debounce = settings.Debounce,
            ResyncPeriod = TimeSpan.Zero,

            // What the controller host fills in from the mesh's adapter.
            OutputKinds = [.. ResourceKinds.OutputsOf(
                provider.GetRequiredService<MeshAdapterCatalog>(), settings.Mesh)],
        };
        using var controllerClient = server.CreateClient(TimeSpan.FromSeconds(60));
        using var client = server.CreateClient(TimeSpan.FromSeconds(60));
        var core = new ControllerCore(controllerClient, translator, options);
        await using var coreScope = core.ConfigureAwait(false);
        var plurals = new Dictionary<(string Group, string Kind), string>();
        var ok = true;

        // (a) Convergence from empty.
        server.ClearRequests();
        started = Stopwatch.GetTimestamp();
        await core.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var kind in core.WatchedOutputKinds)
        {
            plurals[(kind.Group, kind.Kind)] = kind.Plural;
        }

        var pending = expected.Outputs.Keys.ToHashSet();
        var deadline = Stopwatch.GetTimestamp() + (long)(settings.Timeout.TotalSeconds * Stopwatch.Frequency);
        while (pending.Count > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            pending.RemoveWhere(r => Matches(server, plurals, r, expected.Outputs[r]));
            if (pending.Count > 0)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }

        var converged = Stopwatch.GetElapsedTime(started);
        await WaitIdleAsync(core, deadline, cancellationToken).ConfigureAwait(false);
        var idle = Stopwatch.GetElapsedTime(started);
        var convergeWrites = Count(server.Writes);
        output.WriteLine(pending.Count == 0
            ? $"(a) converged: all {expected.Outputs.Count} outputs applied in {converged.TotalSeconds:F2} s; idle (status and events written) after {idle.TotalSeconds:F2} s; writes {Describe(convergeWrites)}"
            : $"(a) NOT converged: {pending.Count} of {expected.Outputs.Count} outputs missing or different after {converged.TotalSeconds:F1} s (first: {pending.Order().First()})");
        ok &= pending.Count == 0;
        var convergedPeak = ProcessMemory.PeakWorkingSet();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var convergedHeap = GC.GetGCMemoryInfo().HeapSizeBytes;
        var convergedWorkingSet = ProcessMemory.WorkingSet();

        // (b, c) Single changes: one canary TrafficSplit's weights, through the client.
        var latencies = new List<double>();
        var perChange = new List<Dictionary<string, int>>();
        var inexact = 0;
        var missed = 0;
        var unchanged = 0;
        var changed = new Dictionary<(string Namespace, string Name), Split>();
        var random = new Random(settings.Seed);
        var changeTimeout = TimeSpan.FromSeconds(Math.Max(10, settings.Timeout.TotalSeconds / 30));
        for (var i = 0; i < settings.Changes && splits.Count > 0; i++)
        {
            var index = random.Next(splits.Count);
            var split = splits[index];
            var next = split with { Backends = Reweigh(split.Backends, i) };
            splits[index] = next;
            changed[(next.Namespace, next.Name)] = next;
            var outputs = expected.SplitOutputs.GetValueOrDefault((split.Namespace, split.Name), []);
            var before = outputs.ToDictionary(r => r, r => Find(server, plurals, r));
            var firstSeen = new Dictionary<ResourceRef, double>();
            var passes = core.Passes;
            server.ClearRequests();
            var patch = new JsonObject { ["spec"] = new JsonObject { ["backends"] = new JsonArray([.. next.Backends.Select(b => (JsonNode)new JsonObject { ["service"] = b.Service, ["weight"] = b.Weight })]) } };
            var changeStarted = Stopwatch.GetTimestamp();
            var changeDeadline = changeStarted + (long)(changeTimeout.TotalSeconds * Stopwatch.Frequency);
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), SplitGroup, SplitVersion, next.Namespace, "trafficsplits", next.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            var generation = (long?)server.Find($"{SplitGroup}/{SplitVersion}", "trafficsplits", next.Namespace, next.Name)?["metadata"]?["generation"];
            while (Stopwatch.GetTimestamp() < changeDeadline)
            {
                foreach (var reference in outputs.Where(r => !firstSeen.ContainsKey(r)))
                {
                    if (ResourceVersion(Find(server, plurals, reference)) != ResourceVersion(before[reference]))
                    {
                        firstSeen[reference] = Stopwatch.GetElapsedTime(changeStarted).TotalMilliseconds;
                    }
                }

                // Done when the controller is idle after a pass that wrote an output, or that reported the new
                // generation without one (the shares rounded to the same output).
                if (core.Passes > passes && core.IsIdle
                    && (firstSeen.Count > 0 || (long?)server.Find($"{SplitGroup}/{SplitVersion}", "trafficsplits", next.Namespace, next.Name)?["status"]?["observedGeneration"] == generation))
                {
                    break;
                }

                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            }

            var affected = outputs.Count(r => !SameSpec(before[r], Find(server, plurals, r)));
            var writes = Count(server.Writes);
            writes.Remove("input");
            perChange.Add(writes);
            if (firstSeen.Count > 0)
            {
                latencies.Add(firstSeen.Values.Max());
            }
            else if (Stopwatch.GetTimestamp() >= changeDeadline)
            {
                missed++;
            }
            else
            {
                unchanged++;
            }

            if (writes.GetValueOrDefault("output") != affected)
            {
                inexact++;
            }
        }

        if (latencies.Count > 0)
        {
            var sorted = latencies.Order().ToArray();
            output.WriteLine($"(b) change → applied output over {latencies.Count} changes: p50 {Percentile(sorted, 50):F1} ms, p99 {Percentile(sorted, 99):F1} ms, max {sorted[^1]:F1} ms (passes at least {settings.Debounce.TotalMilliseconds:F0} ms apart); {unchanged} changes left every output as it was, {missed} timed out");
            var kinds = perChange.SelectMany(w => w.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            output.WriteLine($"(c) writes per change (mean): {string.Join(", ", kinds.Select(k => $"{k} {perChange.Average(w => w.GetValueOrDefault(k)):F2}"))}; "
                + $"changes whose output writes differ from the outputs whose spec changed: {inexact}");
        }

        ok &= missed == 0 && inexact == 0;

        // (d) A resync without changes.
        await WaitIdleAsync(core, Stopwatch.GetTimestamp() + (long)(changeTimeout.TotalSeconds * Stopwatch.Frequency), cancellationToken).ConfigureAwait(false);
        server.ClearRequests();
        var resyncPasses = core.Passes;
        started = Stopwatch.GetTimestamp();
        core.RequestResync();
        deadline = Stopwatch.GetTimestamp() + (long)(settings.Timeout.TotalSeconds * Stopwatch.Frequency);
        while (!(core.Passes > resyncPasses && core.IsIdle) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }

        var resync = Stopwatch.GetElapsedTime(started);
        var resyncWrites = server.Writes.Count;
        output.WriteLine($"(d) resync without changes: {resyncWrites} writes, pass took {resync.TotalMilliseconds:F0} ms");
        ok &= resyncWrites == 0;

        // (e) Memory: the process holds the loopback server with the fleet as well as the controller.
        var peak = ProcessMemory.PeakWorkingSet();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
        var perThousand = 1000.0 / settings.Objects;
        output.WriteLine($"(e) converged: peak working set {Mb(convergedPeak):F0} MB (+{Mb(convergedPeak - baseline):F0} MB over the server with the fleet, {Mb(convergedPeak - baseline) * perThousand:F1} MB per 1,000 objects); "
            + $"after a full GC working set {Mb(convergedWorkingSet):F0} MB (+{Mb(convergedWorkingSet - baseline):F0} MB), managed heap {Mb(baselineHeap):F0} → {Mb(convergedHeap):F0} MB (+{Mb(convergedHeap - baselineHeap) * perThousand:F1} MB per 1,000 objects)");
        output.WriteLine($"(e) end of run: working set before the controller {Mb(baseline):F0} MB (server with the fleet), peak {Mb(peak):F0} MB; controller's share {Mb(peak - baseline):F0} MB = {Mb(peak - baseline) * perThousand:F1} MB per 1,000 objects; "
            + $"managed heap after a full GC {Mb(baselineHeap):F0} → {Mb(heap):F0} MB (+{Mb(heap - baselineHeap) * perThousand:F1} MB per 1,000 objects)");

        // The final state: every output against a translation of the fleet with the changes made.
        var final = Expect(translator, null, Edited(settings, changed));
        var wrong = final.Outputs.Count(o => !Matches(server, plurals, o.Key, o.Value));
        output.WriteLine(wrong == 0 ? $"final state: all {final.Outputs.Count} outputs match the translation of the changed fleet" : $"final state: {wrong} of {final.Outputs.Count} outputs differ from the translation of the changed fleet");
        ok &= wrong == 0;

        await core.StopAsync(cancellationToken).ConfigureAwait(false);
        return ok ? 0 : 1;
    }

    private static string[] MeshCrds(string crds, string mesh) => mesh switch
    {
        "istio" => Directory.GetFiles(Path.Combine(crds, "istio"), "*.*.*.yaml"),
        "linkerd" => Directory.GetFiles(Path.Combine(crds, "linkerd"), "*.yaml"),
        "consul" => Directory.GetFiles(Path.Combine(crds, "consul"), "*.yaml"),
        "gateway-api" => [Path.Combine(crds, "gateway-api", "v1.2.1", "standard")],
        _ => throw new ArgumentException($"no CRDs known for {mesh}", nameof(mesh)),
    };

    private static Expected Expect(IMeshTranslator translator, string? directory, string? text)
    {
        var loaded = directory is not null ? new ManifestLoader().LoadPaths([directory]) : new ManifestLoader().LoadText(text!, "fleet.yaml");
        var snapshot = SnapshotBuilder.FromLoadResult(loaded);
        var result = translator.Translate(snapshot);
        var outputs = result.Resources.ToDictionary(r => r.Ref, r => r.ToJson()["spec"]?.DeepClone());
        var byUnit = result.Resources.ToLookup(r => r.Unit, r => r.Ref);
        var splitOutputs = snapshot.UnitsByInput
            .Where(e => e.Key.Kind == "TrafficSplit" && e.Key.Namespace is not null)
            .ToDictionary(e => (e.Key.Namespace!, e.Key.Name), e => (IReadOnlyList<ResourceRef>)[.. e.Value.SelectMany(u => byUnit[u]).Distinct()]);
        return new Expected(outputs, splitOutputs);
    }

    private static string Edited(ControllerBenchSettings settings, Dictionary<(string Namespace, string Name), Split> changed)
    {
        var text = new StringBuilder();
        foreach (var file in FleetGenerator.Generate(settings.Objects, settings.Seed))
        {
            foreach (var document in FleetJson.Documents(file.Text))
            {
                if ((string?)document["kind"] == "TrafficSplit"
                    && changed.TryGetValue(((string)document["metadata"]!["namespace"]!, (string)document["metadata"]!["name"]!), out var split))
                {
                    document["spec"]!["backends"] = new JsonArray([.. split.Backends.Select(b => (JsonNode)new JsonObject { ["service"] = b.Service, ["weight"] = b.Weight })]);
                }

                text.Append(document.ToJsonString()).Append("\n---\n");
            }
        }

        return text.ToString();
    }

    /// <summary>New weights for a canary, different from the current ones: a rotation of tens, never all equal.</summary>
    private static (string Service, long Weight)[] Reweigh((string Service, long Weight)[] backends, int change)
    {
        var weights = backends.Select((b, v) => (b.Service, Weight: (long)((((change + (v * 3)) % 9) + 1) * 10))).ToArray();
        while (Proportional(weights, backends))
        {
            // Meshes write shares, not weights: the new weights must change the shares, or nothing is written.
            weights[0].Weight += 5;
        }

        return weights;
    }

    private static bool Proportional((string Service, long Weight)[] a, (string Service, long Weight)[] b)
    {
        var (sumA, sumB) = (a.Sum(w => w.Weight), b.Sum(w => w.Weight));
        return a.Zip(b).All(p => p.First.Weight * sumB == p.Second.Weight * sumA);
    }

    private static JsonObject? Find(LoopbackApiServer server, Dictionary<(string Group, string Kind), string> plurals, ResourceRef reference)
    {
        var slash = reference.ApiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : reference.ApiVersion[..slash];
        return plurals.TryGetValue((group, reference.Kind), out var plural) ? server.Find(reference.ApiVersion, plural, reference.Namespace, reference.Name) : null;
    }

    private static bool Matches(LoopbackApiServer server, Dictionary<(string Group, string Kind), string> plurals, ResourceRef reference, JsonNode? spec) =>
        Find(server, plurals, reference) is { } stored && JsonNode.DeepEquals(stored["spec"], spec);

    private static bool SameSpec(JsonObject? before, JsonObject? after) => JsonNode.DeepEquals(before?["spec"], after?["spec"]);

    private static string? ResourceVersion(JsonObject? obj) => (string?)obj?["metadata"]?["resourceVersion"];

    private static async Task WaitIdleAsync(ControllerCore core, long deadline, CancellationToken cancellationToken)
    {
        var quiet = 0;
        var passes = -1L;
        while (quiet < 4 && Stopwatch.GetTimestamp() < deadline)
        {
            if (core.IsIdle && core.Passes == passes)
            {
                quiet++;
            }
            else
            {
                quiet = 0;
                passes = core.Passes;
            }

            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, int> Count(IEnumerable<RecordedRequest> writes) =>
        writes.GroupBy(Classify).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static string Classify(RecordedRequest write) =>
        write.Method == "POST" && write.Path.EndsWith("/events", StringComparison.Ordinal) ? "events"
        : write.Path.EndsWith("/status", StringComparison.Ordinal) ? "status"
        : write.Method == "DELETE" ? "deletes"
        : write.Path.Contains("/trafficsplits/", StringComparison.Ordinal) ? "input"
        : "output";

    private static string Describe(Dictionary<string, int> writes) =>
        writes.Count == 0 ? "none" : string.Join(", ", writes.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key} {w.Value}")));

    private static double Percentile(double[] sorted, int percent) => sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

    private sealed record Split(string Namespace, string Name, (string Service, long Weight)[] Backends);

    private sealed record Expected(Dictionary<ResourceRef, JsonNode?> Outputs, Dictionary<(string Namespace, string Name), IReadOnlyList<ResourceRef>> SplitOutputs);
}
