using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Adapters;
using Smi.Controller;
using Smi.Controller.Reconcile;
using Smi.Kube;
using Smi.Testing.ApiServer;

namespace Smi.Fleet;

/// <summary>What <see cref="ControllerBench"/> runs.</summary>
/// <param name="Objects">Fleet size in SMI objects.</param>
/// <param name="Mesh">The mesh the controller translates for.</param>
/// <param name="Changes">How many single-object changes to time.</param>
/// <param name="Seed">The fleet seed.</param>
/// <param name="Debounce">The least time between two of the controller's passes.</param>
/// <param name="MaxConcurrentWrites">The controller's writes in flight at once.</param>
/// <param name="Timeout">
/// The deadline of convergence and of the resync at 10,000 objects or fewer; larger fleets get it in proportion. One
/// change gets a thirtieth of it, at least 10 s.
/// </param>
/// <param name="WorkDirectory">Where the fleet is generated.</param>
/// <param name="Executable">
/// The controller's executable to run as a child process (<see cref="ExecutableController"/>); null: a
/// <see cref="ControllerCore"/> in the run's own process.
/// </param>
public sealed record ControllerBenchSettings(int Objects, string Mesh, int Changes, int Seed, TimeSpan Debounce, int MaxConcurrentWrites, TimeSpan Timeout, string WorkDirectory, string? Executable = null);

/// <summary>
/// Runs a <see cref="ControllerCore"/> in this process against the loopback API server in a child process
/// (<see cref="FleetApiServerProcess"/>) holding a generated fleet, and measures convergence from empty, the latency and
/// writes of single changes, the writes of a resync without changes, and both processes' working sets.
/// </summary>
public static class ControllerBench
{
    private const string SplitGroup = "split.smi-spec.io";
    private const string SplitVersion = "v1alpha4";
    private const int FleetScale = 10_000;
    private static readonly TimeSpan QuickCommand = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(60);

    /// <summary>Runs the measurement and prints the figures.</summary>
    /// <param name="settings">What to run.</param>
    /// <param name="output">Where to print.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>0 when every check held, 1 otherwise.</returns>
    public static async Task<int> RunAsync(ControllerBenchSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        MachineInfo.Print(output);
        var (catalog, provider) = Stages.Translators();
        using var providerScope = provider;
        var translator = catalog.Find(settings.Mesh) ?? throw new ArgumentException($"unknown mesh {settings.Mesh}", nameof(settings));

        // Waits grow with the fleet: the timeout holds up to 10,000 objects, larger fleets get it in proportion.
        var scale = Math.Max(1.0, settings.Objects / (double)FleetScale);
        var timeout = settings.Timeout * scale;
        var changeTimeout = TimeSpan.FromSeconds(Math.Max(10, timeout.TotalSeconds / 30));
        var clientTimeout = TimeSpan.FromSeconds(60 * scale);

        // The fleet, and what the controller should write for it, translated in a process of its own.
        var started = Stopwatch.GetTimestamp();
        var directory = Path.Combine(settings.WorkDirectory, $"fleet-{settings.Objects}-{settings.Seed}");
        var summary = FleetGenerator.Write(directory, settings.Objects, settings.Seed);
        var expectedFile = Path.Combine(settings.WorkDirectory, $"expected-{settings.Objects}-{settings.Seed}-{settings.Mesh}.jsonl");
        var splitsFile = Path.Combine(settings.WorkDirectory, $"splits-{settings.Objects}-{settings.Seed}-{settings.Mesh}.jsonl");
        var counts = FleetExpectation.ReadCounts(await FleetChildProcess.RunAsync(
            ["expect", "--fleet", directory, "--mesh", settings.Mesh, "--outputs", expectedFile, "--splits", splitsFile],
            timeout,
            cancellationToken).ConfigureAwait(false));
        var splits = FleetExpectation.ReadSplits(splitsFile);
        output.WriteLine($"fleet: {summary.SmiObjects} SMI objects, {summary.Documents} documents; {settings.Mesh}: {counts.Outputs} outputs, {splits.Count} weighted TrafficSplits; "
            + $"translated apart in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s; waits scaled {scale:F1}x (convergence and resync {timeout.TotalSeconds:F0} s, one change {changeTimeout.TotalSeconds:F0} s)");

        // The API server in its own process, seeded from the fleet's files one file at a time.
        started = Stopwatch.GetTimestamp();
        await using var server = await FleetApiServerProcess.StartAsync(
            settings.Mesh, Math.Max(10_000, settings.Objects), TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);
        var seeded = await server.SendForJsonAsync("seed " + directory, timeout, cancellationToken).ConfigureAwait(false);
        await server.SendAsync("expect " + expectedFile, timeout, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"API server process {server.ProcessId} at {server.Url}: seeded {(int)seeded!["documents"]!} documents in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

        await server.SendAsync("settle", timeout, cancellationToken).ConfigureAwait(false);
        var serverBaseline = server.Memory();
        ProcessMemory.Settle();
        var baseline = ProcessMemory.Read(Environment.ProcessId);
        var baselineHeap = GC.GetGCMemoryInfo().HeapSizeBytes;

        var options = new ControllerOptions
        {
            Mesh = settings.Mesh,
            Identity = "smi-fleet",
            HealthPort = 0,
            Debounce = settings.Debounce,
            MaxConcurrentWrites = settings.MaxConcurrentWrites,
            ResyncPeriod = TimeSpan.Zero,

            // What the controller host fills in from the mesh's adapter.
            OutputKinds = [.. ResourceKinds.OutputsOf(
                provider.GetRequiredService<MeshAdapterCatalog>(), settings.Mesh)],
        };
        using var controllerClient = Client(server.Url, clientTimeout);
        using var client = Client(server.Url, clientTimeout);
        IMeasuredController controller = settings.Executable is { } executable
            ? new ExecutableController(executable, settings, server.Url)
            : new InProcessController(new ControllerCore(controllerClient, translator, options));
        await using var controllerScope = controller.ConfigureAwait(false);
        var inProcess = controller is InProcessController;
        output.WriteLine($"controller: {controller.Description}");
        var ok = true;
        var figures = new ControllerFigures();

        // (a) Convergence from empty. Each look at the pending outputs compares them all in the server process, so
        // the next look waits four times as long as the last took, at least 50 ms and at most 1 s: on a quiet machine
        // the looks take at most a fifth of the time, and a slow look never leaves more than a second unobserved.
        await server.SendAsync("clear", QuickCommand, cancellationToken).ConfigureAwait(false);
        started = Stopwatch.GetTimestamp();
        // A child process's time is counted from its start.
        var controllerCpu = inProcess ? ProcessCpu.Used(Environment.ProcessId) : TimeSpan.Zero;
        var serverCpu = ProcessCpu.Used(server.ProcessId);
        var timeline = inProcess ? new MemoryTimeline(TimeSpan.FromMilliseconds(100), () => controller.Passes) : null;
        await controller.StartAsync(cancellationToken).ConfigureAwait(false);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        JsonNode pending;
        var longestLook = TimeSpan.Zero;
        var progress = Stopwatch.GetTimestamp();
        while (true)
        {
            var look = Stopwatch.GetTimestamp();
            pending = (await server.SendForJsonAsync("pending", timeout, cancellationToken).ConfigureAwait(false))!;
            var took = Stopwatch.GetElapsedTime(look);
            longestLook = took > longestLook ? took : longestLook;
            if ((int)pending["pending"]! == 0 || Stopwatch.GetTimestamp() >= deadline)
            {
                break;
            }

            if (Stopwatch.GetElapsedTime(progress) >= ProgressInterval)
            {
                // Large fleets converge for minutes: say how far it is.
                progress = Stopwatch.GetTimestamp();
                output.WriteLine($"(a) converging: {(int)pending["pending"]!} of {counts.Outputs} outputs pending after {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s, {controller.Passes} passes");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(4 * took.TotalMilliseconds, 50, 1000)), cancellationToken).ConfigureAwait(false);
        }

        var converged = Stopwatch.GetElapsedTime(started);
        var convergedOk = (int)pending["pending"]! == 0;
        var idle = Stopwatch.GetElapsedTime(
            started, await controller.WaitIdleAsync(server, deadline, cancellationToken).ConfigureAwait(false));
        var convergeWrites = await WritesAsync(server, cancellationToken).ConfigureAwait(false);
        output.WriteLine(convergedOk
            ? $"(a) converged: all {counts.Outputs} outputs applied in {converged.TotalSeconds:F2} s (looked every 50 ms to 1 s; longest look {longestLook.TotalMilliseconds:F0} ms); idle (status and events written) after {idle.TotalSeconds:F2} s; writes {Describe(convergeWrites)}, at most {settings.MaxConcurrentWrites} in flight"
            : $"(a) NOT converged: {(int)pending["pending"]!} of {counts.Outputs} outputs missing or different after {converged.TotalSeconds:F1} s (first: {(string?)pending["first"]})");
        ok &= convergedOk;
        if (!convergedOk && controller.Log.Length > 0)
        {
            output.WriteLine($"(a) the controller's last log lines:{Environment.NewLine}{controller.Log}");
        }
        output.WriteLine($"(a) processor time from start to idle: controller process {(ProcessCpu.Used(controller.ProcessId) - controllerCpu).TotalSeconds:F1} s ({(inProcess ? "its looks at the pending outputs included" : "from its start")}), API server process {(ProcessCpu.Used(server.ProcessId) - serverCpu).TotalSeconds:F1} s (the comparisons of the looks included)");
        if (timeline is not null)
        {
            await timeline.DisposeAsync().ConfigureAwait(false);
            output.WriteLine($"(e) controller process from start to idle, sampled every 100 ms: {timeline.Describe(every: 1)}");
        }

        var convergedMemory = ProcessMemory.Read(controller.ProcessId);
        var convergedServer = server.Memory();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var convergedHeap = GC.GetGCMemoryInfo().HeapSizeBytes;
        var convergedWorkingSet = ProcessMemory.WorkingSet();

        // (b, c) Single changes: one canary TrafficSplit's weights, through the client.
        var latencies = new List<double>();
        var perChange = new List<Dictionary<string, int>>();
        var inexact = 0;
        var missed = 0;
        var unchanged = 0;
        var changed = new Dictionary<(string Namespace, string Name), CanarySplit>();
        var random = new Random(settings.Seed);
        var splitAddress = (CanarySplit s) => new StoredObjectAddress($"{SplitGroup}/{SplitVersion}", "trafficsplits", s.Namespace, s.Name);
        for (var i = 0; i < settings.Changes && splits.Count > 0; i++)
        {
            var index = random.Next(splits.Count);
            var split = splits[index];
            var next = split with { Backends = Reweigh(split.Backends, i) };
            splits[index] = next;
            changed[(next.Namespace, next.Name)] = next;
            var before = new Dictionary<StoredObjectAddress, JsonNode?>();
            foreach (var address in next.Outputs)
            {
                before[address] = await GetAsync(server, address, cancellationToken).ConfigureAwait(false);
            }

            var firstSeen = new Dictionary<StoredObjectAddress, double>();
            var passes = controller.Passes;
            await server.SendAsync("clear", QuickCommand, cancellationToken).ConfigureAwait(false);
            var patch = new JsonObject { ["spec"] = new JsonObject { ["backends"] = Backends(next.Backends) } };
            var changeStarted = Stopwatch.GetTimestamp();
            var changeDeadline = changeStarted + (long)(changeTimeout.TotalSeconds * Stopwatch.Frequency);
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), SplitGroup, SplitVersion, next.Namespace, "trafficsplits", next.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            var generation = (long?)(await GetAsync(server, splitAddress(next), cancellationToken).ConfigureAwait(false))?["metadata"]?["generation"];
            async Task SweepAsync()
            {
                foreach (var address in next.Outputs.Where(r => !firstSeen.ContainsKey(r)))
                {
                    var version = await server.SendAsync("version " + address.ToCommandArguments(), QuickCommand, cancellationToken).ConfigureAwait(false);
                    if (version != ((string?)before[address]?["metadata"]?["resourceVersion"] ?? "-"))
                    {
                        firstSeen[address] = Stopwatch.GetElapsedTime(changeStarted).TotalMilliseconds;
                    }
                }
            }

            async Task<bool> StatusReportedAsync() =>
                (long?)(await GetAsync(server, splitAddress(next), cancellationToken).ConfigureAwait(false))?["status"]?["observedGeneration"] == generation;

            while (Stopwatch.GetTimestamp() < changeDeadline)
            {
                await SweepAsync().ConfigureAwait(false);

                // Done when the controller is idle after a pass that wrote an output, or that reported the new
                // generation without one (the shares rounded to the same output); a child process, when it reported
                // the generation. The outputs are looked at once more then, should one have moved meanwhile.
                if (await controller.ChangeDoneAsync(passes, firstSeen.Count > 0, StatusReportedAsync).ConfigureAwait(false))
                {
                    await SweepAsync().ConfigureAwait(false);
                    break;
                }

                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            }

            // Its Events may follow its status: the writes are counted once the controller is idle.
            await controller.WaitIdleAsync(server, changeDeadline, cancellationToken).ConfigureAwait(false);

            var affected = 0;
            foreach (var address in next.Outputs)
            {
                var after = await GetAsync(server, address, cancellationToken).ConfigureAwait(false);
                affected += JsonNode.DeepEquals(before[address]?["spec"], after?["spec"]) ? 0 : 1;
            }

            var writes = await WritesAsync(server, cancellationToken).ConfigureAwait(false);
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

        var sorted = latencies.Order().ToArray();
        if (sorted.Length > 0)
        {
            output.WriteLine($"(b) change → applied output over {sorted.Length} changes: p50 {Percentile(sorted, 50):F1} ms, p99 {Percentile(sorted, 99):F1} ms, max {sorted[^1]:F1} ms (passes at least {settings.Debounce.TotalMilliseconds:F0} ms apart); {unchanged} changes left every output as it was, {missed} timed out");
            var kinds = perChange.SelectMany(w => w.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            output.WriteLine($"(c) writes per change (mean): {string.Join(", ", kinds.Select(k => $"{k} {perChange.Average(w => w.GetValueOrDefault(k)):F2}"))}; "
                + $"changes whose output writes differ from the outputs whose spec changed: {inexact}");
        }

        ok &= missed == 0 && inexact == 0;

        // (d) A resync without changes: only the controller in this process can be asked for one.
        var resync = TimeSpan.Zero;
        var resyncDone = false;
        var resyncWrites = 0;
        if (controller.CanResync)
        {
            await controller.WaitIdleAsync(server, Stopwatch.GetTimestamp() + (long)(changeTimeout.TotalSeconds * Stopwatch.Frequency), cancellationToken).ConfigureAwait(false);
            await server.SendAsync("clear", QuickCommand, cancellationToken).ConfigureAwait(false);
            var resyncPasses = controller.Passes;
            var resyncCpu = CpuTime();
            started = Stopwatch.GetTimestamp();
            controller.RequestResync();
            deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (!controller.ResyncDone(resyncPasses) && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            }

            resync = Stopwatch.GetElapsedTime(started);
            resyncCpu = CpuTime() - resyncCpu;
            resyncDone = controller.ResyncDone(resyncPasses);
            resyncWrites = (await WritesAsync(server, cancellationToken).ConfigureAwait(false)).Values.Sum();
            output.WriteLine(resyncDone
                ? $"(d) resync without changes: {resyncWrites} writes, pass took {resync.TotalMilliseconds:F0} ms (CPU time of this process meanwhile, all threads: {resyncCpu.TotalMilliseconds:F0} ms)"
                : $"(d) resync without changes NOT done after {resync.TotalSeconds:F0} s; {resyncWrites} writes so far");
            ok &= resyncDone && resyncWrites == 0;
        }
        else
        {
            output.WriteLine("(d) resync without changes: not measured (a controller in a child process cannot be asked for one)");
        }

        // (e) Memory of each process: the controller's (in this process with the run's small bookkeeping, or a child
        // of its own), and the API server's with the fleet.
        var end = ProcessMemory.Read(controller.ProcessId);
        var serverEnd = server.Memory();
        var perThousand = 1000.0 / settings.Objects;
        if (inProcess)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
            output.WriteLine($"(e) controller process: {Mb(baseline.WorkingSet):F0} MB before the controller started (runtime and the run's bookkeeping); after convergence {Mb(convergedMemory.WorkingSet):F0} MB, peak {Mb(convergedMemory.PeakWorkingSet):F0} MB; "
                + $"after a full GC {Mb(convergedWorkingSet):F0} MB, managed heap {Mb(baselineHeap):F0} → {Mb(convergedHeap):F0} MB ({Mb(convergedHeap - baselineHeap) * perThousand:F1} MB per 1,000 objects)");
            output.WriteLine($"(e) controller process at the end: working set {Mb(end.WorkingSet):F0} MB, peak of the run {Mb(end.PeakWorkingSet):F0} MB ({Mb(end.PeakWorkingSet) * perThousand:F1} MB per 1,000 objects); managed heap after a full GC {Mb(heap):F0} MB");
        }
        else
        {
            output.WriteLine($"(e) controller process {controller.ProcessId} (a child, from its start): after convergence {Mb(convergedMemory.WorkingSet):F0} MB, peak {Mb(convergedMemory.PeakWorkingSet):F0} MB; at the end {Mb(end.WorkingSet):F0} MB, peak of the run {Mb(end.PeakWorkingSet):F0} MB ({Mb(end.PeakWorkingSet) * perThousand:F1} MB per 1,000 objects)");
        }

        output.WriteLine($"(e) API server process {server.ProcessId} (apart): {Mb(serverBaseline.WorkingSet):F0} MB with the fleet seeded (and the expected outputs); after convergence {Mb(convergedServer.WorkingSet):F0} MB; at the end {Mb(serverEnd.WorkingSet):F0} MB, peak {Mb(serverEnd.PeakWorkingSet):F0} MB");

        // The final state: every output against a translation of the fleet with the changes made.
        var edited = Path.Combine(settings.WorkDirectory, $"fleet-{settings.Objects}-{settings.Seed}-changed");
        WriteChanged(settings, changed, edited);
        var finalFile = Path.Combine(settings.WorkDirectory, $"final-{settings.Objects}-{settings.Seed}-{settings.Mesh}.jsonl");
        await FleetChildProcess.RunAsync(["expect", "--fleet", edited, "--mesh", settings.Mesh, "--outputs", finalFile], timeout, cancellationToken).ConfigureAwait(false);
        var finalCount = (int)(await server.SendForJsonAsync("expect " + finalFile, timeout, cancellationToken).ConfigureAwait(false))!["expected"]!;
        var wrong = (int)(await server.SendForJsonAsync("pending", timeout, cancellationToken).ConfigureAwait(false))!["pending"]!;
        output.WriteLine(wrong == 0 ? $"final state: all {finalCount} outputs match the translation of the changed fleet" : $"final state: {wrong} of {finalCount} outputs differ from the translation of the changed fleet");
        ok &= wrong == 0;

        figures.Add(
            "one TrafficSplit change → output applied (p50 / p99)",
            sorted.Length == 0 ? "none measured" : string.Create(CultureInfo.InvariantCulture, $"{Percentile(sorted, 50):F1} / {Percentile(sorted, 99):F1} ms ({sorted.Length} changes)"),
            "p99 < 50 ms",
            sorted.Length == 0 ? null : Percentile(sorted, 99) < 50);
        figures.Add(
            "full resync pass, nothing changed",
            resyncDone ? string.Create(CultureInfo.InvariantCulture, $"{resync.TotalMilliseconds:F0} ms, {resyncWrites} writes") : controller.CanResync ? "not done" : "not measured",
            "< 200 ms, 0 writes",
            controller.CanResync ? resyncDone && resync.TotalMilliseconds < 200 && resyncWrites == 0 : null);
        figures.Add(
            "convergence from empty: outputs applied",
            convergedOk ? string.Create(CultureInfo.InvariantCulture, $"{converged.TotalSeconds:F2} s") : "not converged",
            "< 10 s",
            convergedOk && converged.TotalSeconds < 10);
        figures.Add("convergence from empty: idle", string.Create(CultureInfo.InvariantCulture, $"{idle.TotalSeconds:F2} s"), "< 20 s", convergedOk && idle.TotalSeconds < 20);
        figures.Add(
            "controller working set, peak (API server apart)",
            string.Create(CultureInfo.InvariantCulture, $"{Mb(end.PeakWorkingSet):F0} MB (API server {Mb(serverEnd.PeakWorkingSet):F0} MB)"),
            "< 150 MB (controller)",
            Mb(end.PeakWorkingSet) < 150);
        output.WriteLine($"figures at {summary.SmiObjects} SMI objects, {settings.Mesh}:");
        figures.Print(output);
        return ok ? 0 : 1;
    }

    /// <summary>The CPU time of this process so far, all threads (the controller's, the runtime's and the run's).</summary>
    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static Kubernetes Client(string url, TimeSpan timeout) => new(new KubernetesClientConfiguration
    {
        Host = url,
        AccessToken = LoopbackApiServer.AdminToken,
        HttpClientTimeout = timeout,
    });

    private static async Task<JsonNode?> GetAsync(FleetApiServerProcess server, StoredObjectAddress address, CancellationToken cancellationToken) =>
        await server.SendForJsonAsync("get " + address.ToCommandArguments(), QuickCommand, cancellationToken).ConfigureAwait(false);

    private static async Task<Dictionary<string, int>> WritesAsync(FleetApiServerProcess server, CancellationToken cancellationToken) =>
        (await server.SendForJsonAsync("writes", QuickCommand, cancellationToken).ConfigureAwait(false))!.AsObject()
            .ToDictionary(p => p.Key, p => (int)p.Value!, StringComparer.Ordinal);

    private static JsonArray Backends(IReadOnlyList<(string Service, long Weight)> backends) =>
        [.. backends.Select(b => (JsonNode)new JsonObject { ["service"] = b.Service, ["weight"] = b.Weight })];

    /// <summary>Writes the fleet with the changed TrafficSplits' weights into a folder (JSON documents, which YAML reads).</summary>
    private static void WriteChanged(ControllerBenchSettings settings, Dictionary<(string Namespace, string Name), CanarySplit> changed, string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var namespaces = changed.Keys.Select(k => k.Namespace).ToHashSet(StringComparer.Ordinal);
        foreach (var file in FleetGenerator.Generate(settings.Objects, settings.Seed))
        {
            var path = Path.Combine(directory, file.Name);
            if (!namespaces.Contains(Path.GetFileNameWithoutExtension(file.Name)))
            {
                File.WriteAllText(path, file.Text);
                continue;
            }

            var text = new StringBuilder();
            foreach (var document in FleetJson.Documents(file.Text))
            {
                if ((string?)document["kind"] == "TrafficSplit"
                    && changed.TryGetValue(((string)document["metadata"]!["namespace"]!, (string)document["metadata"]!["name"]!), out var split))
                {
                    document["spec"]!["backends"] = Backends(split.Backends);
                }

                text.Append(document.ToJsonString()).Append("\n---\n");
            }

            File.WriteAllText(path, text.ToString());
        }
    }

    /// <summary>New weights for a canary, different from the current ones: a rotation of tens, never all equal.</summary>
    private static (string Service, long Weight)[] Reweigh(IReadOnlyList<(string Service, long Weight)> backends, int change)
    {
        var weights = backends.Select((b, v) => (b.Service, Weight: (long)((((change + (v * 3)) % 9) + 1) * 10))).ToArray();
        while (Proportional(weights, backends))
        {
            // Meshes write shares, not weights: the new weights must change the shares, or nothing is written.
            weights[0].Weight += 5;
        }

        return weights;
    }

    private static bool Proportional(IReadOnlyList<(string Service, long Weight)> a, IReadOnlyList<(string Service, long Weight)> b)
    {
        var (sumA, sumB) = (a.Sum(w => w.Weight), b.Sum(w => w.Weight));
        return a.Zip(b).All(p => p.First.Weight * sumB == p.Second.Weight * sumA);
    }

    private static string Describe(Dictionary<string, int> writes) =>
        writes.Count == 0 ? "none" : string.Join(", ", writes.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key} {w.Value}")));

    private static double Percentile(double[] sorted, int percent) => sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;
}
