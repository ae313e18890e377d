using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Autorest;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Controller.Cache;
using Smi.Controller.Resilience;
using Smi.Kube;
using Smi.Kube.Api;
using Smi.Kube.Fields;

namespace Smi.Controller.Reconcile;

/// <summary>
/// One reconcile pass: rebuild the snapshot, map changes to units, translate them, apply, prune and report.
/// </summary>
public sealed partial class ControllerCore
{
    private async Task ReconcilePassAsync(CancellationToken cancellationToken)
    {
        await SyncOutputKindsAsync(cancellationToken).ConfigureAwait(false);
        await EmitControllerEventsAsync(cancellationToken).ConfigureAwait(false);
        var (refs, outputUnits, everything) = TakePending();
        var (gone, goneRefs) = TakeGone();
        var old = _snapshot;
        var snapshot = BuildSnapshot([.. refs, .. goneRefs], everything, out var smiObjects);
        _snapshot = snapshot;

        var units = new HashSet<UnitKey>(outputUnits);
        var report = new HashSet<ResourceRef>();
        foreach (var reference in refs)
        {
            units.UnionWith(old.UnitsByInput.GetValueOrDefault(reference, []));
            units.UnionWith(snapshot.UnitsByInput.GetValueOrDefault(reference, []));
            if (smiObjects.ContainsKey(reference))
            {
                report.Add(reference);
            }
        }

        if (_retryReports.Count > 0)
        {
            // Reports that failed last time: translate their units again so the report has its translation diagnostics.
            foreach (var reference in _retryReports.Where(smiObjects.ContainsKey))
            {
                units.UnionWith(snapshot.UnitsByInput.GetValueOrDefault(reference, []));
                report.Add(reference);
            }

            _retryReports.Clear();
        }

        if (everything)
        {
            units.UnionWith(snapshot.Units.Select(u => u.Key));
            units.UnionWith(
                ObservedOutputs()
                .Select(o => ParseUnit(o.Annotations.GetValueOrDefault(GeneratedMetadata.UnitAnnotation)))
                .OfType<UnitKey>());
            report.UnionWith(smiObjects.Keys);
        }

        if (!_leader)
        {
            // Followers keep their caches and snapshot current but leave the work to the leader.
            _queue.Clear();
            Metrics.QueueDepth.Set(0);
            return;
        }

        foreach (var unit in units)
        {
            _queue.Add(unit);
        }

        foreach (var reference in goneRefs)
        {
            gone.AddRange(old.UnitsByInput.GetValueOrDefault(reference, []));
            gone.AddRange(snapshot.UnitsByInput.GetValueOrDefault(reference, []));
        }

        foreach (var unit in gone)
        {
            _queue.AddAfter(unit, _options.RetryBaseDelay);
        }

        var due = _queue.TakeDue().ToList();
        lock (_pendingGate)
        {
            // Should the pass fail, these are put back with the rest of what it took.
            _taken = (_taken.Refs, [.. _taken.Units.Union(due)], _taken.Everything);
        }

        Metrics.QueueDepth.Set(_queue.Count);
        if (due.Count == 0 && report.Count == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var dueSet = due.ToHashSet();
        var inputsOf = snapshot.Units.ToDictionary(u => u.Key, u => u.Inputs);
        var translation = dueSet.Count == 0
            ? new IsolatedTranslation(TranslationResult.Sorted([], []), ImmutableDictionary<UnitKey, Exception>.Empty)
            : IsolatedTranslation.Run(_translator, snapshot, dueSet);
        var result = translation.Result;
        var failedTranslations = FailedTranslationDiagnostics(translation.Failures, inputsOf, smiObjects);
        foreach (var unit in translation.Failures.Keys)
        {
            // Its outputs stay as they were: the unit is retried with backoff, and no other unit waits for it.
            due.Remove(unit);
            dueSet.Remove(unit);
        }

        var desiredByUnit = result.Resources.GroupBy(r => r.Unit).ToDictionary(g => g.Key, g => g.ToList());
        var observedByUnit = ObservedOutputs()
            .GroupBy(o => ParseUnit(o.Annotations.GetValueOrDefault(GeneratedMetadata.UnitAnnotation)))
            .Where(g => g.Key is not null)
            .ToDictionary(g => g.Key!, g => g.ToList());
        var adopted = AdoptSharedOutputs(snapshot, due, dueSet, desiredByUnit, observedByUnit);
        if (adopted.Count > 0)
        {
            result = result with { Diagnostics = [.. result.Diagnostics, .. adopted] };
        }

        var conflicts = RefuseCrossUnitConflicts(snapshot, due, dueSet, desiredByUnit, observedByUnit);
        if (conflicts.Count > 0)
        {
            result = result with { Diagnostics = [.. result.Diagnostics, .. conflicts] };
        }

        var outputDiagnostics = new List<Diagnostic>();
        var permissionDiagnostics = new List<Diagnostic>();
        var failedUnits = new HashSet<UnitKey>();
        foreach (var unit in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_leader)
            {
                // Leadership was lost during the pass: the new leader takes it from here.
                break;
            }

            var inputs = inputsOf.GetValueOrDefault(unit, []);
            var outcome = await ReconcileAsync(
                unit,
                inputs,
                [.. inputs.Where(smiObjects.ContainsKey)],
                desiredByUnit.GetValueOrDefault(unit, []),
                observedByUnit.GetValueOrDefault(unit, []),
                outputDiagnostics,
                cancellationToken).ConfigureAwait(false);
            permissionDiagnostics.AddRange(outcome.Permissions);
            switch (outcome.Result)
            {
                case UnitResult.LeadershipLost:
                    // Leadership ended while this unit was written: the new leader reconciles everything from here.
                    Log.WritesStopped(_logger);
                    break;
                case UnitResult.Done:
                    _queue.Forget(unit);
                    Metrics.Reconciles.WithLabels("success").Inc();
                    continue;
                case UnitResult.Retry:
                    failedUnits.Add(unit);
                    _queue.AddRateLimited(unit);
                    Metrics.Reconciles.WithLabels("retry").Inc();
                    Log.UnitRetry(_logger, unit.ToString(), _queue.Failures(unit), outcome.Error!);
                    continue;
                case UnitResult.Forbidden:
                    _queue.AddRateLimited(unit);
                    Metrics.Reconciles.WithLabels("failed").Inc();
                    continue;
                default:
                    _queue.Forget(unit);
                    Metrics.Reconciles.WithLabels("failed").Inc();
                    continue;
            }

            break;
        }

        foreach (var unit in dueSet.Except(failedUnits))
        {
            foreach (var input in inputsOf.GetValueOrDefault(unit, []).Where(smiObjects.ContainsKey))
            {
                report.Add(input);
            }
        }

        foreach (var unit in translation.Failures.Keys)
        {
            report.UnionWith(inputsOf.GetValueOrDefault(unit, []).Where(smiObjects.ContainsKey));
        }

        var translated = dueSet.Except(failedUnits).Concat(translation.Failures.Keys).ToHashSet();
        var blocked = failedUnits.SelectMany(u => inputsOf.GetValueOrDefault(u, [])).ToHashSet();
        var diagnostics = permissionDiagnostics.Concat(result.Diagnostics).Concat(outputDiagnostics)
            .Concat(failedTranslations)
            .ToList();
        var reported = report.Where(r => !blocked.Contains(r));
        await ReportAsync(snapshot, diagnostics, reported, smiObjects, translated, cancellationToken)
            .ConfigureAwait(false);
        await EmitControllerEventsAsync(cancellationToken).ConfigureAwait(false);
        Metrics.Duration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        Metrics.QueueDepth.Set(_queue.Count);
    }

    /// <summary>
    /// Reconciles one unit: applies what it wants and prunes what it no longer wants, and says what that came to.
    /// A unit whose reads were refused is neither applied nor pruned (what it reads is unknown, so either could undo
    /// what is right); errors become outcomes, and only the end of leadership stops the pass.
    /// </summary>
    /// <param name="unit">The unit.</param>
    /// <param name="inputs">What it reads.</param>
    /// <param name="sources">Its SMI objects.</param>
    /// <param name="desired">What its translation wants.</param>
    /// <param name="observed">Its outputs in the cache.</param>
    /// <param name="diagnostics">Receives the diagnostics of its outputs.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The outcome.</returns>
    private async Task<UnitOutcome> ReconcileAsync(
        UnitKey unit,
        IReadOnlyList<ResourceRef> inputs,
        IReadOnlyList<ResourceRef> sources,
        List<GeneratedResource> desired,
        List<CachedObject> observed,
        List<Diagnostic> diagnostics,
        CancellationToken cancellationToken)
    {
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
            await ReconcileUnitAsync(unit, desired, observed, diagnostics, cancellationToken).ConfigureAwait(false);
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
            var message = $"The API server refused an output of {unit} ({status}): {Truncate(e.Response.Content, 300)}";
            diagnostics.AddRange(
                sources.Select(source => Diagnostic.Error(SmiReasons.OutputRejected, source, null, message)));
            return new UnitOutcome(UnitResult.Rejected, []);
        }
    }

    /// <summary>
    /// Queues each unit whose translation threw again with its own backoff, and says so on each of its SMI objects:
    /// the reason and the exception's message, never its stack trace.
    /// </summary>
    /// <returns>One error per SMI object of each failed unit.</returns>
    private List<Diagnostic> FailedTranslationDiagnostics(
        ImmutableDictionary<UnitKey, Exception> failures,
        Dictionary<UnitKey, ImmutableArray<ResourceRef>> inputsOf,
        Dictionary<ResourceRef, CachedObject> smiObjects)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var (unit, error) in failures.OrderBy(f => f.Key))
        {
            _queue.AddRateLimited(unit);
            Metrics.Reconciles.WithLabels("failed").Inc();
            Log.TranslationFailed(_logger, unit.ToString(), _queue.Failures(unit), error);
            var message = $"Translating {unit} for {_translator.Mesh} failed, so its outputs are left as they were "
                + $"and it is retried with backoff: {Truncate(error.Message.ReplaceLineEndings(" "), 300)}";
            diagnostics.AddRange(inputsOf.GetValueOrDefault(unit, []).Where(smiObjects.ContainsKey)
                .Select(source => Diagnostic.Error(SmiReasons.TranslationFailed, source, null, message)));
        }

        return diagnostics;
    }

    /// <summary>
    /// Some outputs are wanted by several units (a Consul ServiceDefaults of a service that is both a split root and
    /// an access destination); the translator gives each to one of them. When that unit stops wanting it, another unit
    /// may still: rather than prune it, hand it to that unit, which is added to this pass and applies it under its own
    /// unit annotation. Costs a full translation, and only when a due unit is about to prune something.
    /// </summary>
    /// <returns>The diagnostics of the adopting units.</returns>
    private IReadOnlyList<Diagnostic> AdoptSharedOutputs(
        MeshSnapshot snapshot,
        List<UnitKey> due,
        HashSet<UnitKey> dueSet,
        Dictionary<UnitKey, List<GeneratedResource>> desiredByUnit,
        Dictionary<UnitKey, List<CachedObject>> observedByUnit)
    {
        var orphans = due
            .SelectMany(unit => observedByUnit.GetValueOrDefault(unit, [])
                .Where(o => !desiredByUnit.GetValueOrDefault(unit, []).Any(r => OutputKey(r.Ref) == OutputKey(o.Ref)))
                .Select(o => (Unit: unit, Observed: o)))
            .ToList();
        if (orphans.Count == 0)
        {
            return [];
        }

        // A unit whose translation throws adopts nothing; the others still do.
        var everything = IsolatedTranslation.Run(_translator, snapshot, null).Result;
        var byOutput = everything.Resources.Where(r => !dueSet.Contains(r.Unit)).GroupBy(r => OutputKey(r.Ref))
            .ToDictionary(g => g.Key, g => g.First().Unit);
        var adopters = new HashSet<UnitKey>();
        foreach (var (unit, observed) in orphans)
        {
            if (byOutput.TryGetValue(OutputKey(observed.Ref), out var adopter))
            {
                adopters.Add(adopter);
                observedByUnit[unit].Remove(observed);
            }
        }

        foreach (var adopter in adopters.Order())
        {
            due.Add(adopter);
            dueSet.Add(adopter);
            desiredByUnit[adopter] = [.. everything.Resources.Where(r => r.Unit == adopter)];
        }

        return [
            .. everything.Diagnostics.Where(
                d => d.Object is not null
                && snapshot.UnitsByInput.GetValueOrDefault(d.Object, []).Any(adopters.Contains))];
    }

    private IEnumerable<CachedObject> ObservedOutputs() =>
        _cache.Outputs.SelectMany(i => i.Items()).Where(o =>
            o.Labels.GetValueOrDefault(GeneratedMetadata.ManagedByLabel) == GeneratedMetadata.ManagedByValue
            && _meshLabels.Contains(
                o.Labels.GetValueOrDefault(GeneratedMetadata.MeshLabel) ?? string.Empty, StringComparer.Ordinal));

    private async Task ReconcileUnitAsync(
        UnitKey unit, List<GeneratedResource> desired, List<CachedObject> observed, List<Diagnostic> diagnostics,
        CancellationToken cancellationToken)
    {
        var wanted = new HashSet<ResourceRef>();
        foreach (var resource in desired)
        {
            var reference = OutputKey(resource.Ref);
            if (!_outputKinds.TryGetValue((reference.Group, reference.Kind), out var watched))
            {
                Log.OutputKindUnknown(_logger, reference.ToString());
                var missing = OutputKindMissing(reference, out var reason);
                diagnostics.AddRange(SourcesOf(resource).Select(s => Diagnostic.Error(reason, s, null, missing)));
                continue;
            }

            if (IsTerminatingNamespace(reference.Namespace))
            {
                // Its namespace is being deleted: a create there is refused, and whatever is there goes.
                continue;
            }

            // Apply in the version the translator wrote; the watch may use another version of the same kind.
            var kind = watched with { Version = reference.Version };
            wanted.Add(reference);
            var json = OutputHash.ApplyConfiguration(resource.ToJson(), out var hash);
            var current = observed.FirstOrDefault(o => OutputKey(o.Ref) == reference);
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
                Metrics.Drift.Inc();
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
                Metrics.Drift.Inc();
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
                var stored = await PermittedAsync(
                    "patch",
                    kind.Group,
                    kind.Plural,
                    reference.Namespace,
                    () => WriteAsync(
                        async t => await _api.ApplyAsync(
                            kind, reference.Namespace, reference.Name, json.ToJsonString(), _options.FieldManager, t)
                            .ConfigureAwait(false),
                        cancellationToken)).ConfigureAwait(false);
                _outputWrites.Record(reference, Applied(reference, hash, json, current, stored));
                return stored;
            }).ConfigureAwait(false);
            Metrics.Writes.WithLabels("apply").Inc();
            Log.Applied(_logger, reference.ToString(), unit.ToString());
        }

        foreach (var stale in observed.Where(o => !wanted.Contains(OutputKey(o.Ref))))
        {
            // Only objects found by the controller's labels and this unit's annotation are ever deleted.
            var reference = OutputKey(stale.Ref);
            if (stale.IsTerminating || IsTerminatingNamespace(stale.Namespace))
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
                await PermittedAsync("delete", stale.Kind.Group, stale.Kind.Plural, stale.Namespace, () => WriteAsync(
                    async t => await _api.DeleteAsync(stale.Kind, stale.Namespace, stale.Name, stale.Uid, t)
                        .ConfigureAwait(false),
                    cancellationToken)).ConfigureAwait(false);
                _outputWrites.Deleted(reference, stale.Uid);
                return true;
            }).ConfigureAwait(false);
            Metrics.Writes.WithLabels("delete").Inc();

            Log.Pruned(_logger, reference.ToString(), unit.ToString());
        }
    }

    /// <summary>
    /// Why the installed CRD cannot take the output, naming the fields its schema for that version lacks and the
    /// CRD (and its release, when it says); null when it can, or when the CRD or its schema is not known.
    /// </summary>
    private string? UndeclaredIn(ResourceRef reference, JsonObject json)
    {
        if (!_outputCrds.TryGetValue((reference.Group, reference.Kind), out var crd)
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

        if (JsonNode.Parse(current.Json.GetRawText()) is not JsonObject live)
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
        if (JsonNode.Parse(stored.GetRawText()) is JsonObject answer && answer.Count > 0)
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

    private static readonly IReadOnlySet<string> EmptyPaths = new HashSet<string>(StringComparer.Ordinal);

    private static string DisplayFields(IReadOnlyList<string> paths) =>
        string.Join(", ", paths.Take(10).Select(FieldPath.Display))
            + (paths.Count > 10 ? $" and {paths.Count - 10} more" : string.Empty);

    /// <summary>
    /// The structural schema of the output's version (the applied one, else the watched one), if known.
    /// </summary>
    private JsonObject? SchemaOf(ResourceRef reference)
    {
        if (!_outputCrds.TryGetValue((reference.Group, reference.Kind), out var crd))
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
            var existing = await PermittedAsync("get", kind.Group, kind.Plural, reference.Namespace, async () =>
                await _pipeline.ExecuteAsync(
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

    private IEnumerable<ResourceRef> SourcesOf(GeneratedResource resource) =>
        SourcesOf(resource.Object.Metadata?.Annotations is { } annotations
            && annotations.TryGetValue(GeneratedMetadata.SourcesAnnotation, out var value) ? value : null);

    private IEnumerable<ResourceRef> SourcesOf(CachedObject output) =>
        SourcesOf(output.Annotations.GetValueOrDefault(GeneratedMetadata.SourcesAnnotation));

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

    private static string Truncate(string? text, int length) =>
        text is null ? string.Empty : text.Length <= length ? text : text[..length] + "...";
}
