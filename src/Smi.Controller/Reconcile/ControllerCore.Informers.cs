using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using k8s.Autorest;
using k8s.Models;
using Smi.Abstractions;
using Smi.Abstractions.Conversion;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Controller.Cache;
using Smi.Controller.Cache.Context;
using Smi.Kube;
using Smi.Kube.Api;

namespace Smi.Controller.Reconcile;

/// <summary>Discovery, informers, and turning cache changes into pending work.</summary>
public sealed partial class ControllerCore
{
    private static readonly ResourceKind Services = new(string.Empty, "v1", "services", "Service");
    private static readonly ResourceKind Namespaces = new(
        string.Empty, "v1", "namespaces", "Namespace", Namespaced: false);
    private static readonly ResourceKind Pods = new(string.Empty, "v1", "pods", "Pod");
    private static readonly ResourceKind Deployments = new("apps", "v1", "deployments", "Deployment");
    private static readonly ResourceKind StatefulSets = new("apps", "v1", "statefulsets", "StatefulSet");
    private static readonly ResourceKind DaemonSets = new("apps", "v1", "daemonsets", "DaemonSet");

    private readonly OutputKindTable _outputKinds = new();
    private readonly HashSet<(string Group, string Plural)> _statusKinds = [];
    private readonly Dictionary<(string Group, string Kind), ResourceKind> _smiKinds = [];
    private bool _crdUnreadable;
    private HashSet<string> _terminatingNamespaces = new(StringComparer.Ordinal);
    private ImmutableArray<string> _refusedNamespaces = [];
    private readonly CachedObjectIndex _objects = new();
    private readonly ManagedOutputIndex _outputs;
    private readonly Dictionary<UnitKey, UnitMemo> _memos = [];

    /// <summary>The namespaces left out when the memos were last looked at: when they change, no memo holds.</summary>
    private string? _memoLeftOut;
    private readonly IncrementalUnitIndex _unitIndex = new();

    /// <summary>The namespaces being deleted, and those refused, when the unit index was last built anew.</summary>
    private string? _unitIndexLeftOut;

    /// <summary>The snapshot of the whole fleet, kept per namespace and built again where objects changed.</summary>
    private readonly KeptFleetSnapshot _keptWhole = new();

    /// <summary>
    /// The namespaces left out when the kept snapshot was last built: when they change, it is built anew.
    /// </summary>
    private string? _keptWholeLeftOut;

    /// <summary>
    /// The namespaces whose objects changed since their parts of the kept snapshot were built or taken from a change
    /// pass's snapshot.
    /// </summary>
    private readonly HashSet<string> _keptDirty = new(StringComparer.Ordinal);

    /// <summary>The namespaces being deleted, and those refused, as the pass under way read them.</summary>
    private string _leftOut = ";";

    /// <summary>Whether the last pass that looked at everything built the unit index anew.</summary>
    private bool _wholeBuiltAnew;

    /// <summary>
    /// The passes that looked at everything since the unit index and the kept snapshot were built anew.
    /// </summary>
    private int _everythingPassesSinceRebuild;

    private IEnumerable<Informer> AllInformers() => _cache.All;

    private string OutputSelector =>
        $"{GeneratedMetadata.ManagedByLabel}={GeneratedMetadata.ManagedByValue},{GeneratedMetadata.MeshLabel} in " +
        $"({string.Join(",", _meshLabels)})";

    private async Task DiscoverAsync(CancellationToken cancellationToken)
    {
        var served = await _pipeline.ExecuteAsync(
            async t => await _api.GetServedGroupVersionsAsync(t).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);

        // One version per kind: the newest this library reads among those the cluster serves for that kind. The server
        // converts between versions, so watching two would only see every object twice.
        foreach (var byKind in SmiVersions.All.GroupBy(v => (v.Group, v.Kind, v.Plural)))
        {
            var (group, kind, plural) = byKind.Key;
            if (!served.TryGetValue(group, out var groupVersions))
            {
                continue;
            }

            var crd = await ReadCrdAsync(group, plural, cancellationToken).ConfigureAwait(false);
            var version = byKind
                .Where(v => groupVersions.Contains(v.Version) && (crd is null || crd.Served.Contains(v.Version)))
                .OrderByDescending(v => v.Version, StringComparer.Ordinal)
                .FirstOrDefault();
            if (version is null || (crd is null && !_crdUnreadable))
            {
                continue;
            }

            _smiKinds[(group, kind)] = new ResourceKind(group, version.Version, plural, kind);
            if (crd?.WithStatus.Contains(version.Version) == true)
            {
                _statusKinds.Add((group, plural));
            }
        }

        var outputs = ConfiguredOutputKinds();
        foreach (var kind in outputs)
        {
            if (_outputKinds.ContainsKey((kind.Group, kind.Kind)))
            {
                // Listed in another version that the cluster serves: one watch per kind.
                continue;
            }

            var crd = served.TryGetValue(kind.Group, out var versions) && versions.Contains(kind.Version)
                ? await ReadCrdAsync(kind.Group, kind.Plural, cancellationToken).ConfigureAwait(false)
                : null;
            if (crd is not null
                ? crd.Served.Contains(kind.Version)
                : _crdUnreadable && versions is not null && versions.Contains(kind.Version))
            {
                _outputKinds.Watch(kind, crd);
            }
        }

        foreach (var kind in outputs.Where(k => !_outputKinds.ContainsKey((k.Group, k.Kind)))
            .DistinctBy(k => (k.Group, k.Kind)))
        {
            Log.OutputKindNotServed(_logger, kind.ToString());
        }

        Log.Discovered(
            _logger, string.Join(", ", _smiKinds.Values.Select(k => k.ToString()).Order(StringComparer.Ordinal)),
            string.Join(", ", _outputKinds.Values.Select(k => k.ToString()).Order(StringComparer.Ordinal)));
    }

    private async Task<CrdVersions?> ReadCrdAsync(string group, string plural, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                async t => await _api.GetCrdVersionsAsync(group, plural, t).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Forbidden
            or HttpStatusCode.Unauthorized)
        {
            // Without read access to CRDs the group's versions from discovery are all there is, and status is not
            // known.
            _crdUnreadable = true;
            Log.StatusUnknown(_logger, $"{plural}.{group}", e);
            return null;
        }
    }

    private void CreateInformers()
    {
        var namespaces = _options.Namespaces.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal)
            .ToList();
        List<string?> scopes = namespaces.Count == 0 ? [null] : [.. namespaces];
        var context = new List<ResourceKind> { Services, Deployments, StatefulSets, DaemonSets };
        if (_options.WatchPods)
        {
            context.Add(Pods);
        }

        var smiInformers = new List<Informer>();
        var contextInformers = new List<Informer>();
        var outputInformers = new List<Informer>();
        foreach (var ns in scopes)
        {
            smiInformers.AddRange(_smiKinds.Values.Select(k => NewInformer(k, ns, null)));
            contextInformers.AddRange(context.Select(k => NewInformer(k, ns, null)));
            outputInformers.AddRange(_outputKinds.Values.Where(k => k.Namespaced)
                .Select(k => NewInformer(k, ns, OutputSelector)));
        }

        outputInformers.AddRange(_outputKinds.Values.Where(k => !k.Namespaced)
            .Select(k => NewInformer(k, null, OutputSelector)));

        if (namespaces.Count == 0)
        {
            contextInformers.Add(NewInformer(Namespaces, null, null));
        }
        else
        {
            // No cluster-wide list or watch: each watched namespace is read by get, which a Role in it allows
            // (RBAC takes a request for namespace N to be made in namespace N).
            contextInformers.AddRange(namespaces.Select(ns => new Informer(
                Namespaces, null, null, _api, Reader(ReadingOf(Namespaces, null)), OnChanges, _pipeline, _options,
                _logger, _time, Metrics)
            {
                Name = ns,
                PollInterval = _options.NamespacePollInterval,
                Forbidden = OnInformerForbidden,
                Granted = OnInformerGranted,
            }));
        }

        _cache.Fill(smiInformers, contextInformers, outputInformers);
        CreateCrdInformer();
    }

    private Informer NewInformer(ResourceKind kind, string? ns, string? selector) =>
        new(kind, ns, selector, _api, Reader(ReadingOf(kind, selector)), OnChanges, _pipeline, _options, _logger, _time,
            Metrics)
        {
            Forbidden = OnInformerForbidden,
            Granted = OnInformerGranted,
        };

    private static Func<ResourceKind, JsonElement, CachedObject?, CachedObject> Reader(CacheReading reading) =>
        (kind, json, previous) => new CachedObject(kind, json, reading, previous);

    /// <summary>
    /// What the cache keeps of an object of <paramref name="kind"/>: of outputs (listed with the output selector) the
    /// content and the controller's own managed fields, for the drift check, unless the controller's own apply stored
    /// that state (the check then compares the apply's record); of SMI objects their snapshot entry and status
    /// conditions; of Services, workloads and Namespaces their snapshot entry.
    /// </summary>
    private CacheReading ReadingOf(ResourceKind kind, string? selector) =>
        selector is not null
            ? new CacheReading
            {
                KeepsContent = true,
                FieldManager = _options.FieldManager,
                ContentNotNeeded = (reference, version) =>
                    _outputWrites.Applied(OutputKey(reference)) is { ResourceVersion: { } applied }
                    && string.Equals(applied, version, StringComparison.Ordinal),
            }
            : new CacheReading
            {
                KeepsStatus = SmiVersions.Find(kind.ApiVersion, kind.Kind) is not null,
                Decoder = ReadsOf(kind) ? DecodeEntry : null,
            };

    private static bool ReadsOf(ResourceKind kind) => (kind.Group, kind.Plural) switch
    {
        ("", "services" or "namespaces" or "pods") => true,
        ("apps", "deployments" or "statefulsets" or "daemonsets") => true,
        _ => SmiVersions.Find(kind.ApiVersion, kind.Kind) is not null,
    };

    /// <summary>Reads a Service, workload, Namespace or SMI object into its snapshot entry, converted once.</summary>
    private static DecodedObject DecodeEntry(ResourceKind kind, JsonElement json)
    {
        try
        {
            var typed = ContextDecoder.Read(kind, json);
            var entry = typed is not null ? SnapshotEntry.From(typed)
                : SmiVersions.Find(kind.ApiVersion, kind.Kind) is not null ? DecodeSmi(json, kind)
                : null;
            return new DecodedObject(entry, null);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException
            or OverflowException or ArgumentException or NullReferenceException)
        {
            return new DecodedObject(null, e.Message);
        }
    }

    /// <summary>
    /// Reads an SMI object the way the CLI reads a file, so both header encodings are accepted and the loader's
    /// diagnostics (unknown fields, lossy versions) reach the object's status; then converts it to its hub record.
    /// </summary>
    private static SnapshotEntry? DecodeSmi(JsonElement json, ResourceKind kind)
    {
        var loaded = ClusterObjects.Load(json, kind, string.Empty);
        if (loaded.Objects.Length != 1)
        {
            throw new JsonException(
                loaded.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error)?.Message
                ?? "the object did not load");
        }

        var read = loaded.Objects[0];
        return SnapshotEntry.From(read.Resource, read.Location, loaded.Diagnostics);
    }

    private void OnChanges(IReadOnlyList<ObjectChange> changes)
    {
        var refs = new List<ResourceRef>();
        var goneRefs = new List<ResourceRef>();
        foreach (var change in changes)
        {
            var current = change.Current;
            if (_outputKinds.ContainsKey((current.Kind.Group, current.Kind.Kind))
                && current.Labels.GetValueOrDefault(GeneratedMetadata.ManagedByLabel)
                    == GeneratedMetadata.ManagedByValue)
            {
                _outputs.Apply(change);
                OnOutputChange(change);
                continue;
            }

            if (ReadsOf(current.Kind))
            {
                _objects.Apply(change);
            }

            if (current.Kind == Namespaces
                && change.New is { IsTerminating: true }
                && change.Old is { IsTerminating: false })
            {
                // A namespace is being deleted: every unit is looked at again, so nothing more is written there.
                RequestResync();
                continue;
            }

            if (change.Old is not null && change.New is not null && change.Old.Fingerprint == change.New.Fingerprint)
            {
                // Only status, managed fields or the resource version changed: nothing translation reads, and what was
                // read of the object before still holds (the new state took it over when it was read).
                continue;
            }

            (change.New is null ? goneRefs : refs).Add(current.Ref);
        }

        if (refs.Count > 0 || goneRefs.Count > 0)
        {
            Enqueue(refs, goneRefs);
        }
    }

    /// <summary>
    /// Queues the unit of an output that changed, so its pass compares the live object with the desired one: a
    /// deletion, or an edit by anyone else (drift). The controller's own writes (also when their events arrive before
    /// the write's answer), older states the cache replays before them, and changes to nothing the controller applies
    /// (status, another manager's status entry) are not queued (<see cref="OutputWrites"/>).
    /// </summary>
    private void OnOutputChange(ObjectChange change)
    {
        if (_outputWrites.Observe(change) is { } unit)
        {
            QueueForOutput(unit, change);
        }
    }

    /// <summary>
    /// What of an output can differ from what the controller applies: the content but status, labels, annotations,
    /// owner references, finalizers and the fields the controller's manager owns (hashed when the output was read).
    /// </summary>
    private static UInt128 DriftFingerprint(CachedObject output) => output.DriftFingerprint;

    /// <summary>Parses a unit annotation, <c>Kind/namespace/name</c>, where the name may contain slashes.</summary>
    internal static UnitKey? ParseUnit(string? text) => UnitAnnotation.Parse(text);

    private static ResourceRef OutputKey(ResourceRef reference) => OutputWrites.Key(reference);

    private bool InScope(string? ns) =>
        ns is null || _options.Namespaces.Count == 0 || _options.Namespaces.Contains(ns, StringComparer.Ordinal);

    /// <summary>
    /// Takes note of the namespaces being deleted and of the watched namespaces the controller may not get.
    /// </summary>
    /// <returns>Both, as one text that changes when either does.</returns>
    private string ReadLeftOutNamespaces()
    {
        var terminating = _cache.Context.Where(i => i.Kind == Namespaces).SelectMany(i => i.Items())
            .Where(n => n.IsTerminating)
            .Select(n => n.Name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var ns in terminating.Except(_terminatingNamespaces))
        {
            Log.NamespaceTerminating(_logger, ns);
        }

        _terminatingNamespaces = terminating;
        _refusedNamespaces = [.. _cache.Context.Where(i => i.Name is not null && i.Missing is not null)
            .Select(i => i.Name!).Order(StringComparer.Ordinal)];
        _leftOut = string.Join(",", terminating.Order(StringComparer.Ordinal)) + ";"
            + string.Join(",", _refusedNamespaces);
        return _leftOut;
    }

    /// <summary>
    /// Builds the snapshot of every object as read when its event arrived, and brings the unit index up to date with
    /// it. Namespaces being deleted are left out with all their content: the namespace controller deletes what is in
    /// them, and anything the controller created there would be refused (403). The index is updated from the objects
    /// that changed, as a change pass updates it; it and the kept snapshot are built anew when the namespaces left out
    /// changed and every <see cref="RebuildEvery"/>th time, which heals whatever an update may have missed.
    /// </summary>
    private MeshSnapshot BuildWholeSnapshot(
        string leftOut, IReadOnlyCollection<ResourceRef> changed, out Dictionary<ResourceRef, CachedObject> smiObjects)
    {
        var anew = !string.Equals(leftOut, _unitIndexLeftOut, StringComparison.Ordinal)
            || ++_everythingPassesSinceRebuild >= RebuildEvery;
        if (anew)
        {
            _keptWhole.Forget();
            _everythingPassesSinceRebuild = 0;
        }

        var snapshot = WholeSnapshot(out smiObjects);
        if (anew)
        {
            _unitIndex.Rebuild(snapshot);
        }
        else
        {
            _unitIndex.Update(snapshot, changed);
        }

        _unitIndexLeftOut = leftOut;
        _wholeBuiltAnew = anew;
        return snapshot;
    }

    /// <summary>
    /// The snapshot of every object, assembled from the kept per-namespace parts, built again for the namespaces
    /// whose objects changed since it was last built. It computes its units itself until the unit index is brought up
    /// to date with it or attached to it.
    /// </summary>
    private MeshSnapshot WholeSnapshot(out Dictionary<ResourceRef, CachedObject> smiObjects)
    {
        smiObjects = [];
        foreach (var item in _cache.Smi.SelectMany(i => i.Items()).Where(i => !IsInTerminatingNamespace(i)))
        {
            smiObjects[item.Ref] = item;
        }

        if (!string.Equals(_leftOut, _keptWholeLeftOut, StringComparison.Ordinal))
        {
            // A namespace being deleted, or refused, holds other entries now though none of its objects changed.
            _keptWhole.Forget();
            _keptWholeLeftOut = _leftOut;
        }

        // The changes are taken before the objects are read: one that arrives in between is built again next time.
        _keptDirty.UnionWith(_objects.TakeChangedNamespaces());
        var snapshot = _keptWhole.Build(_objects.Namespaces().Concat(_refusedNamespaces), _keptDirty, EntriesIn);
        _keptDirty.Clear();
        return snapshot;
    }

    /// <summary>
    /// Brings the unit index up to date from the objects that changed, on a snapshot of the namespaces it recomputes
    /// (<see cref="IncrementalUnitIndex.NamespacesToRecompute"/>) and those they name.
    /// </summary>
    /// <returns>That snapshot and its namespaces.</returns>
    private (MeshSnapshot Snapshot, SortedSet<string> Scope) UpdateUnitIndex(IReadOnlyCollection<ResourceRef> changed)
    {
        _keptDirty.UnionWith(_objects.TakeChangedNamespaces());
        var recompute = _unitIndex.NamespacesToRecompute(changed);
        var scope = SnapshotScope.Namespaces(recompute, EntriesIn);
        var snapshot = SnapshotScope.Build(scope, EntriesIn);
        _unitIndex.Update(snapshot, changed);
        if (string.Equals(_leftOut, _keptWholeLeftOut, StringComparison.Ordinal))
        {
            // This snapshot holds what the changed namespaces among those it recomputes read: their parts of the
            // whole fleet's snapshot are taken from it, so the next pass that looks at everything need not build them.
            var fresh = recompute.Where(_keptDirty.Contains).ToList();
            _keptWhole.Keep(snapshot, fresh, EntriesIn);
            _keptDirty.ExceptWith(fresh);
        }

        return (snapshot, scope);
    }

    /// <summary>The snapshot of the objects of some namespaces, answering its units from the unit index.</summary>
    private MeshSnapshot ScopedSnapshot(IEnumerable<string> scope)
    {
        var snapshot = SnapshotScope.Build(scope, EntriesIn);
        _unitIndex.Attach(snapshot);
        return snapshot;
    }

    /// <summary>
    /// What a namespace holds for a snapshot, as <see cref="WholeSnapshot"/> takes it (<see cref="SnapshotEntryOf"/>),
    /// and a refused watched namespace taken to exist.
    /// </summary>
    private IEnumerable<SnapshotEntry> EntriesIn(string ns)
    {
        if (IsTerminatingNamespace(ns))
        {
            yield break;
        }

        foreach (var item in _objects.In(ns))
        {
            if (SnapshotEntryOf(item, IsSmi(item)) is { } entry)
            {
                yield return entry;
            }
        }

        if (_refusedNamespaces.Contains(ns, StringComparer.Ordinal))
        {
            yield return RefusedNamespace(ns);
        }
    }

    /// <summary>
    /// What a snapshot takes of a cached object: nothing of an object in a namespace being deleted, of a skipped SMI
    /// object, or of a Service, workload or Namespace outside the watched namespaces.
    /// </summary>
    private SnapshotEntry? SnapshotEntryOf(CachedObject item, bool smi) =>
        item.Entry is { } entry && !IsInTerminatingNamespace(item)
        && (smi ? !item.IsSkipped : InScope(item.Kind.Namespaced ? item.Namespace : item.Name))
            ? entry
            : null;

    /// <summary>An SMI object in the cache by reference, unless its namespace is being deleted.</summary>
    private CachedObject? FindSmiObject(ResourceRef reference) =>
        _objects.Find(reference) is { } item && IsSmi(item) && !IsInTerminatingNamespace(item) ? item : null;

    private static bool IsSmi(CachedObject item) => SmiVersions.Find(item.Kind.ApiVersion, item.Kind.Kind) is not null;

    private static SnapshotEntry RefusedNamespace(string name) =>
        SnapshotEntry.From(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } })!;

    private bool IsInTerminatingNamespace(CachedObject item) =>
        IsTerminatingNamespace(item.Kind.Namespaced ? item.Namespace : item.Kind == Namespaces ? item.Name : null);

    private bool IsTerminatingNamespace(string? ns) => ns is not null && _terminatingNamespaces.Contains(ns);
}
