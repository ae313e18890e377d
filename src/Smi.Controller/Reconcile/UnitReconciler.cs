using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Polly;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Controller.Cache;
using Smi.Controller.Resilience;
using Smi.Kube;
using Smi.Kube.Api;
using Smi.Kube.Fields;
using Smi.Kube.Rbac;

namespace Smi.Controller.Reconcile;

/// <summary>
/// Reconciles one translated unit: applies what it wants (server-side apply, only what differs from what was applied
/// or from the live object), prunes what it no longer wants, and says what that came to in a <see cref="UnitOutcome"/>.
/// It reads the cluster only through <see cref="IClusterCache"/> (and a get before a create), and writes only in the
/// current term of leadership (<see cref="WriteFence"/>).
/// </summary>
internal sealed class UnitReconciler
{
    private static readonly ImmutableHashSet<(string Group, string Plural)> Workloads =
    [
        (string.Empty, "pods"), ("apps", "deployments"), ("apps", "statefulsets"), ("apps", "daemonsets"),
    ];

    private static readonly IReadOnlySet<string> EmptyPaths = new HashSet<string>(StringComparer.Ordinal);

    private readonly KubeApi _api;
    private readonly ResiliencePipeline _pipeline;
    private readonly WriteFence _fence;
    private readonly PermissionTracker _permissions;
    private readonly IClusterCache _cache;
    private readonly OutputWrites _outputWrites;
    private readonly OutputKindTable _outputKinds;
    private readonly IReadOnlyDictionary<(string Group, string Kind), ResourceKind> _smiKinds;
    private readonly string _mesh;
    private readonly ControllerOptions _options;
    private readonly ILogger _logger;
    private readonly ControllerMetrics _metrics;

    /// <summary>Creates a reconciler.</summary>
    /// <param name="api">The API client.</param>
    /// <param name="pipeline">The retry pipeline of reads (the check that a name is free).</param>
    /// <param name="fence">Runs every write in the current term of leadership.</param>
    /// <param name="permissions">Notes refused and granted permissions.</param>
    /// <param name="cache">The informer cache: which reads are refused.</param>
    /// <param name="outputWrites">The record of the controller's own applies and prunes.</param>
    /// <param name="outputKinds">The watched output kinds and their CRDs.</param>
    /// <param name="smiKinds">The watched SMI kinds, filled by discovery before the first unit.</param>
    /// <param name="mesh">The mesh.</param>
    /// <param name="options">The settings.</param>
    /// <param name="logger">The log.</param>
    /// <param name="metrics">The metrics.</param>
    public UnitReconciler(
        KubeApi api,
        ResiliencePipeline pipeline,
        WriteFence fence,
        PermissionTracker permissions,
        IClusterCache cache,
        OutputWrites outputWrites,
        OutputKindTable outputKinds,
        IReadOnlyDictionary<(string Group, string Kind), ResourceKind> smiKinds,
        string mesh,
        ControllerOptions options,
        ILogger logger,
        ControllerMetrics metrics)
    {
        _api = api;
        _pipeline = pipeline;
        _fence = fence;
        _permissions = permissions;
        _cache = cache;
        _outputWrites = outputWrites;
        _outputKinds = outputKinds;
        _smiKinds = smiKinds;
        _mesh = mesh;
        _options = options;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>
    /// Reconciles one unit: applies what it wants and prunes what it no longer wants, and says what that came to.
    /// A unit whose reads were refused is neither applied nor pruned (what it reads is unknown, so either could undo
    /// what is right); errors become outcomes, and only the end of leadership stops the pass.
    /// </summary>
    /// <param name="work">The unit, what it wants and what it has.</param>
    /// <param name="diagnostics">Receives the diagnostics of its outputs.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The outcome.</returns>
    public async Task<UnitOutcome> ReconcileAsync(
        UnitWork work, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var (unit, inputs, sources, desired, _, _) = work;
        if (RefusedReadOf(unit, inputs, desired) is { } refused)
        {
            // Its informer's next successful list (retried with backoff) queues everything again.
            Log.UnitHeld(_logger, unit.ToString(), refused.ToString());
            var message = PermissionMessage(unit, refused, retried: false);
            return new UnitOutcome(
                UnitResult.Held, [.. sources.Select(source => PermissionDiagnostic(source, message))]);
        }

        try
        {
            await ReconcileUnitAsync(work, diagnostics, cancellationToken).ConfigureAwait(false);
            return UnitOutcome.Done;
        }
        catch (LeadershipLostException)
        {
            return UnitOutcome.LeadershipLost;
        }
        catch (Exception e) when (TransientErrors.IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            return new UnitOutcome(UnitResult.Retry, [], e);
        }
        catch (ForbiddenException e)
        {
            // A write or read of this unit was refused: said on its SMI objects, retried with bounded backoff.
            Log.UnitHeld(_logger, unit.ToString(), e.Permission.ToString());
            var message = PermissionMessage(unit, e.Permission, retried: true);
            return new UnitOutcome(
                UnitResult.Forbidden, [.. sources.Select(source => PermissionDiagnostic(source, message))]);
        }
        catch (HttpOperationException e)
        {
            // Permanent: the server refused what the translator produced. Reported, not retried until something
            // changes.
            var status = (int)e.Response.StatusCode;
            Log.UnitFailed(_logger, unit.ToString(), status, e.Response.Content ?? string.Empty);
            var message = $"The API server refused an output of {unit} ({status}): "
                + MessageText.Truncate(e.Response.Content, 300);
            diagnostics.AddRange(
                sources.Select(source => Diagnostic.Error(SmiReasons.OutputRejected, source, null, message)));
            return new UnitOutcome(UnitResult.Rejected, []);
        }
    }

    /// <summary>The SMI objects an output was generated from, as its sources annotation names them.</summary>
    /// <param name="resource">The generated output.</param>
    /// <returns>The SMI objects.</returns>
    public IEnumerable<ResourceRef> SourcesOf(GeneratedResource resource) =>
        SourcesOf(resource.Object.Metadata?.Annotations is { } annotations
            && annotations.TryGetValue(GeneratedMetadata.SourcesAnnotation, out var value) ? value : null);

    /// <summary>The SMI objects a live output was generated from, as its sources annotation names them.</summary>
    /// <param name="output">The output in the cache.</param>
    /// <returns>The SMI objects.</returns>
    public IEnumerable<ResourceRef> SourcesOf(CachedObject output) =>
        SourcesOf(output.Annotations.GetValueOrDefault(GeneratedMetadata.SourcesAnnotation));

    private async Task ReconcileUnitAsync(
        UnitWork work, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var (unit, _, _, desired, observed, terminating) = work;
        var wanted = new HashSet<ResourceRef>();
        foreach (var resource in desired)
        {
            var reference = OutputWrites.Key(resource.Ref);
            if (!_outputKinds.TryGetValue((reference.Group, reference.Kind), out var watched))
            {
                Log.OutputKindUnknown(_logger, reference.ToString());
                var missing = OutputKindMissing(reference, out var reason);
                diagnostics.AddRange(SourcesOf(resource).Select(s => Diagnostic.Error(reason, s, null, missing)));
                continue;
            }

            if (reference.Namespace is { } ns && terminating.Contains(ns))
            {
                // Its namespace is being deleted: a create there is refused, and whatever is there goes.
                continue;
            }

            // Apply in the version the translator wrote; the watch may use another version of the same kind.
            var kind = watched with { Version = reference.Version };
            wanted.Add(reference);
            var json = OutputHash.ApplyConfiguration(resource.ToJson(), out var hash);
            var current = observed.FirstOrDefault(o => OutputWrites.Key(o.Ref) == reference);
            if (current is { IsTerminating: true })
            {
                // Being deleted, held by a finalizer: an apply would only change an object that is about to go.
                // Its DELETED event queues the unit again, and the unit then re-creates it.
                Log.OutputTerminating(_logger, reference.ToString(), unit.ToString());
                var holders = current.Finalizers.Count == 0 ? "none left" : string.Join(", ", current.Finalizers);
                diagnostics.AddRange(SourcesOf(resource).Select(s => Diagnostic.Error(
                    SmiReasons.OutputTerminating,
                    s,
                    null,
                    $"{reference} is being deleted (finalizers: {holders}); it is re-created once it is gone")));
                continue;
            }

            if (UndeclaredIn(reference, json) is { } rejection)
            {
                // Server-side apply would fail with 500 (field not declared in schema) until the CRD is upgraded.
                Log.OutputUndeclaredFields(_logger, reference.ToString(), rejection);
                diagnostics.AddRange(
                    SourcesOf(resource).Select(s => Diagnostic.Error(SmiReasons.OutputRejected, s, null, rejection)));
                continue;
            }

            if (UpToDate(reference, hash, json, current, out var drift))
            {
                continue;
            }

            if (drift.Count > 0)
            {
                _metrics.Drift.Inc();
                Log.OutputDrifted(_logger, reference.ToString(), unit.ToString(), DisplayFields(drift));
            }

            if (current is null
                && await NameHolderAsync(kind, reference, cancellationToken).ConfigureAwait(false) is { } holder)
            {
                if (!holder)
                {
                    var taken = $"{reference} exists and is not managed by the SMI adapter; rename or delete it so "
                        + "the adapter can own it";
                    diagnostics.AddRange(SourcesOf(resource)
                        .Select(s => Diagnostic.Error(SmiReasons.OutputNameTaken, s, null, taken)));
                    continue;
                }

                // It exists with the managed-by label but outside the informer's selector: its mesh label was edited.
                _metrics.Drift.Inc();
                var label = $".metadata.labels.{GeneratedMetadata.MeshLabel}";
                Log.OutputDrifted(_logger, reference.ToString(), unit.ToString(), label);
            }

            if (_options.DryRun)
            {
                Log.DryRunApply(_logger, reference.ToString(), json.ToJsonString());
                var version = current?.ResourceVersion;
                _outputWrites.Record(reference, new AppliedRecord(hash, version, version, EmptyPaths));
                continue;
            }

            await _outputWrites.WriteAsync(reference, async () =>
            {
                var stored = await _permissions.PermittedAsync(
                    "patch",
                    kind.Group,
                    kind.Plural,
                    reference.Namespace,
                    () => _fence.WriteAsync(
                        async t => await _api.ApplyAsync(
                            kind, reference.Namespace, reference.Name, json.ToJsonString(), _options.FieldManager, t)
                            .ConfigureAwait(false),
                        cancellationToken)).ConfigureAwait(false);
                _outputWrites.Record(reference, Applied(reference, hash, json, current, stored), unit);
                return stored;
            }).ConfigureAwait(false);
            _metrics.Writes.WithLabels("apply").Inc();
            Log.Applied(_logger, reference.ToString(), unit.ToString());
        }

        foreach (var stale in observed.Where(o => !wanted.Contains(OutputWrites.Key(o.Ref))))
        {
            // Only objects found by the controller's labels and this unit's annotation are ever deleted.
            var reference = OutputWrites.Key(stale.Ref);
            if (stale.IsTerminating || (stale.Namespace is { } ns && terminating.Contains(ns)))
            {
                // Already being deleted, or its namespace is: another DELETE would change nothing.
                _outputWrites.Forget(reference);
                continue;
            }

            if (_options.DryRun)
            {
                Log.DryRunDelete(_logger, reference.ToString());
                continue;
            }

            await _outputWrites.WriteAsync(reference, async () =>
            {
                await _permissions.PermittedAsync(
                    "delete",
                    stale.Kind.Group,
                    stale.Kind.Plural,
                    stale.Namespace,
                    () => _fence.WriteAsync(
                        async t => await _api.DeleteAsync(stale.Kind, stale.Namespace, stale.Name, stale.Uid, t)
                            .ConfigureAwait(false),
                        cancellationToken)).ConfigureAwait(false);
                _outputWrites.Deleted(reference, stale.Uid, unit, stale.ResourceVersion);
                return true;
            }).ConfigureAwait(false);
            _metrics.Writes.WithLabels("delete").Inc();

            Log.Pruned(_logger, reference.ToString(), unit.ToString());
        }
    }

    /// <summary>
    /// The refused read that a unit needs, if any: a refused list or watch of an SMI or context kind the unit reads,
    /// in a namespace of the unit or of its inputs (a mesh-wide unit reads its kinds everywhere), or a refused list
    /// or watch of a kind among its desired outputs in their namespace.
    /// </summary>
    private MissingPermission? RefusedReadOf(
        UnitKey unit, IEnumerable<ResourceRef> inputs, IEnumerable<GeneratedResource> desired)
    {
        var refused = _cache.RefusedReads();
        if (refused.Count == 0)
        {
            return null;
        }

        var namespaces = inputs.Select(i => i.Namespace).Append(unit.Namespace)
            .Where(n => !string.IsNullOrEmpty(n))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var read in refused.Where(i => i.Name is null))
        {
            // A watched namespace that may not be read is taken to exist (the snapshot holds it): nothing waits for it.
            var kind = read.Kind;
            if (read.IsOutput)
            {
                if (desired.Any(r => r.Ref.Group == kind.Group && r.Ref.Kind == kind.Kind
                    && (read.Namespace is null || r.Ref.Namespace == read.Namespace)))
                {
                    return read.Permission;
                }

                continue;
            }

            var scope = read.Name ?? read.Namespace;
            if (Reads(unit.Kind, kind) && (scope is null || unit.Kind == UnitKind.Mesh || namespaces.Contains(scope)))
            {
                return read.Permission;
            }
        }

        return null;
    }

    /// <summary>Whether a unit of a kind reads objects of an SMI or context kind.</summary>
    private bool Reads(UnitKind unit, ResourceKind kind) => unit switch
    {
        UnitKind.SplitRoot => kind.Plural is "trafficsplits" or "httproutegroups" or "services"
            || (_mesh == "consul" && Workloads.Contains((kind.Group, kind.Plural))),
        UnitKind.Namespace => kind.Plural is "traffictargets" or "identitybindings"
            || Workloads.Contains((kind.Group, kind.Plural)),
        _ => kind.Plural is not ("trafficsplits" or "namespaces"),
    };

    /// <summary>The condition message of an SMI object whose unit waits for a permission.</summary>
    private static string PermissionMessage(UnitKey unit, MissingPermission permission, bool retried) =>
        $"The controller may not {permission}, which {unit} needs, so the unit is neither applied nor pruned"
        + (retried ? " and is retried with backoff" : " until the permission is granted")
        + $"; grant {permission.Verb} on {permission.Resource} to the controller's ServiceAccount";

    private static Diagnostic PermissionDiagnostic(ResourceRef source, string message) =>
        Diagnostic.Error(SmiReasons.PermissionMissing, source, null, message);

    /// <summary>The diagnostic for an output whose kind is not watched: removed at run time, or never served.</summary>
    private string OutputKindMissing(ResourceRef reference, out string reason)
    {
        if (_outputKinds.RemovedCrd((reference.Group, reference.Kind)) is { } crd)
        {
            reason = SmiReasons.OutputKindRemoved;
            return $"{reference.ApiVersion} {reference.Kind} is no longer served: its CRD {crd} was removed while "
                + "the controller ran; outputs of that kind are neither applied nor pruned until the CRD is "
                + "installed again";
        }

        reason = SmiReasons.OutputKindNotServed;
        return $"{reference.ApiVersion} {reference.Kind} is not served by the cluster or not watched by the "
            + "controller; install its CRD or add it to Controller:OutputKinds";
    }

    /// <summary>
    /// Why the installed CRD cannot take the output, naming the fields its schema for that version lacks and the
    /// CRD (and its release, when it says); null when it can, or when the CRD or its schema is not known.
    /// </summary>
    private string? UndeclaredIn(ResourceRef reference, JsonObject json)
    {
        if (_outputKinds.CrdOf((reference.Group, reference.Kind)) is not { } crd
            || !crd.Schemas.TryGetValue(reference.Version, out var schema))
        {
            return null;
        }

        var undeclared = UndeclaredFields.Find(schema, json);
        if (undeclared.Count == 0)
        {
            return null;
        }

        var release = crd.Release is null ? string.Empty : $" (release {crd.Release})";
        return $"{reference} has {(undeclared.Count == 1 ? "a field" : "fields")} that the installed CRD {crd.Name}"
            + $"{release} does not declare in version {reference.Version}: {string.Join(", ", undeclared.Take(10))}; "
            + "it is not applied until the CRD is upgraded to one that has them";
    }

    /// <summary>
    /// Whether the live output is what the controller would apply. The applied-hash annotation says whether the
    /// desired object changed; the fields the controller applies (values and, where the object records them, their
    /// ownership) say whether someone else changed the live one since: an edit that kept the annotation, made while
    /// the controller ran or while it was down.
    /// </summary>
    /// <param name="reference">The output.</param>
    /// <param name="hash">The hash of the desired object.</param>
    /// <param name="desired">The apply configuration, with the hash annotation.</param>
    /// <param name="current">The output in the cache, if any.</param>
    /// <param name="drift">The fields that differ, when the hash matches but the live object does not.</param>
    private bool UpToDate(
        ResourceRef reference, string hash, JsonObject desired, CachedObject? current, out IReadOnlyList<string> drift)
    {
        drift = [];
        var record = _outputWrites.Applied(reference);

        if (record is not null)
        {
            if (!string.Equals(record.Hash, hash, StringComparison.Ordinal))
            {
                return false;
            }

            if (current is null
                || string.Equals(current.ResourceVersion, record.PreviousVersion, StringComparison.Ordinal)
                || string.Equals(current.ResourceVersion, record.ResourceVersion, StringComparison.Ordinal))
            {
                // The cache has not seen this instance's apply yet, or shows exactly what the apply stored.
                return true;
            }
        }
        else if (current is null
            || !string.Equals(
                current.Annotations.GetValueOrDefault(OutputHash.Annotation), hash, StringComparison.Ordinal))
        {
            return false;
        }

        if (current.ParseContent() is not { } live)
        {
            return false;
        }

        drift = OutputDrift.Find(desired, live, SchemaOf(reference), _options.FieldManager, record?.ServerChanged);
        return drift.Count == 0;
    }

    /// <summary>
    /// The record of an apply: the stored object's resource version, and the applied fields the server set otherwise
    /// (compared with the object it answered), which are not repaired while the desired object stays the same.
    /// </summary>
    private AppliedRecord Applied(
        ResourceRef reference, string hash, JsonObject desired, CachedObject? current, JsonElement stored)
    {
        var version = stored.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
            && m.TryGetProperty("resourceVersion", out var rv) && rv.ValueKind == JsonValueKind.String
                ? rv.GetString()
                : null;
        IReadOnlySet<string> changed = EmptyPaths;
        // The answer's nodes are read from its JSON element as they are asked for, not parsed again from its text.
        if (stored.ValueKind == JsonValueKind.Object && JsonObject.Create(stored) is { Count: > 0 } answer)
        {
            var found = OutputDrift.Find(desired, answer, SchemaOf(reference), _options.FieldManager, null);
            if (found.Count > 0)
            {
                Log.OutputChangedByServer(_logger, reference.ToString(), DisplayFields(found));
                changed = found.ToHashSet(StringComparer.Ordinal);
            }
        }

        return new AppliedRecord(hash, version, current?.ResourceVersion, changed);
    }

    private static string DisplayFields(IReadOnlyList<string> paths) =>
        string.Join(", ", paths.Take(10).Select(FieldPath.Display))
            + (paths.Count > 10 ? $" and {paths.Count - 10} more" : string.Empty);

    /// <summary>
    /// The structural schema of the output's version (the applied one, else the watched one), if known.
    /// </summary>
    private JsonObject? SchemaOf(ResourceRef reference)
    {
        if (_outputKinds.CrdOf((reference.Group, reference.Kind)) is not { } crd)
        {
            return null;
        }

        return crd.Schemas.GetValueOrDefault(reference.Version)
            ?? (_outputKinds.TryGetValue((reference.Group, reference.Kind), out var watched)
                ? crd.Schemas.GetValueOrDefault(watched.Version)
                : null);
    }

    /// <summary>
    /// Who holds the name of an output the cache does not have: null when nobody (the name is free), true when an
    /// object with the controller's managed-by label (outside the informer's label selector), false when another.
    /// </summary>
    private async Task<bool?> NameHolderAsync(
        ResourceKind kind, ResourceRef reference, CancellationToken cancellationToken)
    {
        try
        {
            var existing = await _permissions.PermittedAsync(
                "get",
                kind.Group,
                kind.Plural,
                reference.Namespace,
                async () => await _pipeline.ExecuteAsync(
                    async t => await _api.GetAsync(kind, reference.Namespace, reference.Name, t).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            if (existing is not { } found)
            {
                return null;
            }

            var labels = found.TryGetProperty("metadata", out var m) && m.TryGetProperty("labels", out var l)
                && l.ValueKind == JsonValueKind.Object ? l : default;
            return labels.ValueKind == JsonValueKind.Object
                && labels.TryGetProperty(GeneratedMetadata.ManagedByLabel, out var managedBy)
                && managedBy.ValueKind == JsonValueKind.String
                && managedBy.GetString() == GeneratedMetadata.ManagedByValue;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The SMI objects named by a sources annotation (<c>Kind/namespace/name</c>, comma-separated).</summary>
    private IEnumerable<ResourceRef> SourcesOf(string? sources)
    {
        if (string.IsNullOrEmpty(sources))
        {
            return [];
        }

        return sources.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split('/', 3))
            .Where(p => p.Length == 3)
            .Select(
                p => new ResourceRef(
                    _smiKinds.Values.FirstOrDefault(k => k.Kind == p[0])?.ApiVersion ?? string.Empty, p[0],
                    p[1].Length == 0 ? null : p[1], p[2]));
    }
}
