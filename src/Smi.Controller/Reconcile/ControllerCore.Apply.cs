using System.Collections.Immutable;
using System.Diagnostics;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Consul;
using Smi.Controller.Cache;

namespace Smi.Controller.Reconcile;

/// <summary>
/// One reconcile pass: build the snapshot (of the whole fleet, or of what a change pass's units read), map changes to
/// units, translate them, hand each due unit to the
/// <see cref="UnitReconciler"/> (apply and prune) and report through the <see cref="StatusReporter"/>.
/// </summary>
public sealed partial class ControllerCore
{
    private async Task ReconcilePassAsync(CancellationToken cancellationToken)
    {
        await SyncOutputKindsAsync(cancellationToken).ConfigureAwait(false);
        await _status.ReportMissingPermissionsAsync(cancellationToken).ConfigureAwait(false);
        var (refs, outputUnits, everything) = TakePending();
        var (gone, goneRefs) = TakeGone();
        var old = _snapshot;
        List<ResourceRef> changed = [.. refs, .. goneRefs];
        var leftOut = ReadLeftOutNamespaces();
        MeshSnapshot snapshot;
        MeshSnapshot? whole = null;
        SortedSet<string>? scope = null;
        Dictionary<ResourceRef, CachedObject>? allSmiObjects = null;
        if (everything || !string.Equals(leftOut, _unitIndexLeftOut, StringComparison.Ordinal))
        {
            snapshot = BuildWholeSnapshot(leftOut, changed, out allSmiObjects);
            whole = snapshot;
        }
        else if (!TranslatesOnScopedSnapshots)
        {
            snapshot = WholeSnapshot(out allSmiObjects);
            _unitIndex.Update(snapshot, changed);
            whole = snapshot;
        }
        else
        {
            // A change pass: the unit index and the translation read only the namespaces of what changed and of what
            // the due units read, not the fleet.
            (snapshot, scope) = UpdateUnitIndex(changed);
        }

        _snapshot = snapshot;
        Func<ResourceRef, CachedObject?> smiObject = allSmiObjects is null
            ? FindSmiObject
            : reference => allSmiObjects.GetValueOrDefault(reference);
        bool IsSmiObject(ResourceRef reference) => smiObject(reference) is not null;
        foreach (var reference in goneRefs.Where(r => !IsSmiObject(r)))
        {
            _status.Forget(reference);
        }

        MeshSnapshot Whole()
        {
            if (whole is null)
            {
                whole = WholeSnapshot(out _);
                _unitIndex.Attach(whole);
            }

            return whole;
        }

        // A unit whose inputs the index lists anew is due too: an object it lists may have become valid or invalid
        // through one it does not list (a TrafficTarget through its route, which its namespace's deny-all names).
        var units = new HashSet<UnitKey>(outputUnits);
        units.UnionWith(_unitIndex.UnitsWithChangedInputs);
        var report = new HashSet<ResourceRef>();
        foreach (var reference in refs)
        {
            units.UnionWith(old.UnitsByInput.GetValueOrDefault(reference, []));
            units.UnionWith(snapshot.UnitsByInput.GetValueOrDefault(reference, []));
            if (IsSmiObject(reference))
            {
                report.Add(reference);
            }
        }

        if (_status.RetryReports.Count > 0)
        {
            // Reports that failed last time: translate their units again so the report has its translation diagnostics.
            foreach (var reference in _status.RetryReports.Where(IsSmiObject))
            {
                units.UnionWith(snapshot.UnitsByInput.GetValueOrDefault(reference, []));
                report.Add(reference);
            }

            _status.ClearRetryReports();
        }

        if (!TranslatesOnScopedSnapshots && !everything && refs.Length > 0)
        {
            // Consul's translation reads every namespace (one Consul service per name), which the unit index does not
            // list as a unit's inputs: a Service named like another namespace's turns that namespace's intentions and
            // splitter into a collision error. Every unit is looked at again; those whose outputs are as desired are
            // not written.
            units.UnionWith(snapshot.Units.Select(u => u.Key));
        }

        var memoHolds = string.Equals(leftOut, _memoLeftOut, StringComparison.Ordinal);
        _memoLeftOut = leftOut;
        if (everything)
        {
            var queued = units.ToHashSet();
            units.UnionWith(snapshot.Units.Select(u => u.Key));
            units.UnionWith(_outputs.Units());
            var movedInputs = _objects.TakeChangedObjects();
            if (memoHolds && _fence.IsLeading && TranslatesOnScopedSnapshots)
            {
                // Looked at only because everything is: a unit whose inputs and live outputs are as it left them is
                // neither translated nor written. Any other writer's change to an output moves its resource version.
                // Not for Consul, whose units read more than the unit index lists as their inputs. The fingerprint of
                // each input is compared for the units an input of which changed since the last such pass, and for
                // every unit when the unit index was built anew.
                HashSet<UnitKey>? moved = null;
                if (!_wholeBuiltAnew)
                {
                    moved = [];
                    foreach (var input in movedInputs)
                    {
                        moved.UnionWith(old.UnitsByInput.GetValueOrDefault(input, []));
                        moved.UnionWith(snapshot.UnitsByInput.GetValueOrDefault(input, []));
                    }
                }

                units.RemoveWhere(u => !queued.Contains(u) && IsAsLeft(u, moved is null || moved.Contains(u)));
            }

            // Every SMI object is reported on, but one whose units are not translated in this pass has nothing new to
            // say (the report skips it): those of the translated units join below, so only those without units are
            // taken here.
            var unitsByInput = snapshot.UnitsByInput;
            report.UnionWith(allSmiObjects!.Keys.Where(r => unitsByInput.GetValueOrDefault(r, []).IsEmpty));
        }

        if (!_fence.IsLeading)
        {
            // Followers keep their caches and snapshot current but leave the work to the leader; what a unit was left
            // as is known again only once it is reconciled as leader.
            _memos.Clear();
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

        if (!TranslatesOnScopedSnapshots && goneRefs.Count > 0)
        {
            // A deletion can end a collision in another namespace (see above), after the usual pause for cascades.
            gone.AddRange(snapshot.Units.Select(u => u.Key));
        }

        foreach (var unit in gone)
        {
            _queue.AddAfter(unit, _options.RetryBaseDelay);
        }

        var due = _queue.TakeDue().ToList();
        var held = new HashSet<UnitKey>();
        Func<ResourceRef, CachedObject?> cachedOutput = key => _outputs.Holder(key)?.Object;
        bool AwaitsEchoes(UnitKey unit)
        {
            // The cache does not show yet an output this controller applied for the unit a moment ago: reconciled
            // from it now, the unit would not list that output, and would not prune it should it no longer want it.
            // The echo queues the unit again; the deadline is the fallback should the echo be lost. The same holds
            // for a unit that would join the pass to report an output it holds (one that adopts an output joins all
            // the same: see AdoptSharedOutputs).
            if (!_outputWrites.Holds(unit, cachedOutput, out var until))
            {
                return false;
            }

            held.Add(unit);
            _queue.AddAfter(unit, until - _time.GetUtcNow());
            return true;
        }

        due.RemoveAll(AwaitsEchoes);
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
        if (scope is not null)
        {
            // What the due units read, and the objects reported on, may lie beyond the namespaces of what changed.
            var needed = SnapshotScope.Namespaces(
                due.SelectMany(u => InputsOf(u)).Concat(report).Select(SnapshotScope.NamespaceOf), EntriesIn);
            if (!needed.IsSubsetOf(scope))
            {
                scope.UnionWith(needed);
                snapshot = ScopedSnapshot(scope);
                _snapshot = snapshot;
            }
        }

        var translation = dueSet.Count == 0
            ? new IsolatedTranslation(TranslationResult.Sorted([], []), ImmutableDictionary<UnitKey, Exception>.Empty)
            : IsolatedTranslation.Run(_translator, snapshot, dueSet);
        var result = translation.Result;
        var failedTranslations = FailedTranslationDiagnostics(translation.Failures, IsSmiObject);
        foreach (var unit in translation.Failures.Keys)
        {
            // Its outputs stay as they were: the unit is retried with backoff, and no other unit waits for it.
            due.Remove(unit);
            dueSet.Remove(unit);
        }

        var desiredByUnit = result.Resources.GroupBy(r => r.Unit).ToDictionary(g => g.Key, g => g.ToList());
        var observedByUnit = due.ToDictionary(unit => unit, _outputs.Of);
        var adopted = AdoptSharedOutputs(Whole, due, dueSet, desiredByUnit, observedByUnit);
        if (adopted.Count > 0)
        {
            result = result with { Diagnostics = [.. result.Diagnostics, .. adopted] };
        }

        var conflicts = RefuseCrossUnitConflicts(Whole, due, dueSet, desiredByUnit, observedByUnit, AwaitsEchoes);
        if (conflicts.Count > 0)
        {
            result = result with { Diagnostics = [.. result.Diagnostics, .. conflicts] };
        }

        foreach (var unit in due.Where(u => !observedByUnit.ContainsKey(u)))
        {
            // Units adopting an output, or holding one a due unit wants, joined the pass.
            observedByUnit[unit] = _outputs.Of(unit);
        }

        var outputDiagnostics = new List<Diagnostic>();
        var permissionDiagnostics = new List<Diagnostic>();
        var failedUnits = new HashSet<UnitKey>();
        var works = new List<UnitWork>(due.Count);
        foreach (var unit in due)
        {
            var inputs = InputsOf(unit);
            works.Add(new UnitWork(
                unit,
                inputs,
                [.. inputs.Where(IsSmiObject)],
                desiredByUnit.GetValueOrDefault(unit, []),
                observedByUnit.GetValueOrDefault(unit, []),
                _terminatingNamespaces));
            _memos.Remove(unit);
        }

        // Units are written side by side (those that touch one output one after another); each unit's applies and
        // prunes stay in order.
        _phase = $"reconciling {works.Count} units";
        var reconciled = await ReconcileUnitsAsync(works, cancellationToken).ConfigureAwait(false);
        foreach (var (work, (outcome, unitDiagnostics)) in works.Zip(reconciled))
        {
            if (outcome is null)
            {
                // Leadership was lost during the pass before this unit started: the new leader takes it from here.
                continue;
            }

            var unit = work.Unit;
            outputDiagnostics.AddRange(unitDiagnostics);
            permissionDiagnostics.AddRange(outcome.Permissions);
            switch (outcome.Result)
            {
                case UnitResult.LeadershipLost:
                    // Leadership ended while this unit was written: the new leader reconciles everything from here.
                    Log.WritesStopped(_logger);
                    break;
                case UnitResult.Done:
                    if (adopted.Count == 0 && conflicts.Count == 0 && unitDiagnostics.Count == 0)
                    {
                        // Not when an output was refused, handed over or not written: the next resync tries again.
                        _memos[unit] = UnitMemo.Of(
                            InputFingerprints(unit), work.Desired.Select(r => OutputKey(r.Ref)));
                    }

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
            foreach (var input in InputsOf(unit).Where(IsSmiObject))
            {
                report.Add(input);
            }
        }

        foreach (var unit in translation.Failures.Keys)
        {
            report.UnionWith(InputsOf(unit).Where(IsSmiObject));
        }

        var translated = dueSet.Except(failedUnits).Concat(translation.Failures.Keys).ToHashSet();
        var blocked = failedUnits.Concat(held).SelectMany(u => InputsOf(u)).ToHashSet();
        var diagnostics = permissionDiagnostics.Concat(result.Diagnostics).Concat(outputDiagnostics)
            .Concat(failedTranslations)
            .ToList();
        var reported = report.Where(r => !blocked.Contains(r));

        // The units are written: the report (the longest part of a first pass) needs only the diagnostics, so the
        // translated objects are let go before it instead of being held to the end of the pass.
        works.Clear();
        desiredByUnit.Clear();
        result = result with { Resources = [] };
        translation = translation with { Result = result };

        // Units that joined the pass to adopt or hold an output were translated on the whole fleet: so is their report.
        _phase = "reporting";
        await _status.ReportAsync(whole ?? snapshot, diagnostics, reported, smiObject, translated, cancellationToken)
            .ConfigureAwait(false);
        await _status.ReportMissingPermissionsAsync(cancellationToken).ConfigureAwait(false);
        Metrics.Duration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        Metrics.QueueDepth.Set(_queue.Count);
    }

    /// <summary>
    /// Reconciles the due units with at most <see cref="ControllerOptions.MaxConcurrentWrites"/> in flight. Units that
    /// touch one output (one hands it over to the other, or both want it) are reconciled one after another in their
    /// order, so that an apply never races a prune or another apply of the same object. A unit not started because
    /// leadership was lost (or the pass cancelled) has no outcome.
    /// </summary>
    /// <returns>Each unit's outcome and the diagnostics of its outputs, in the order of the units.</returns>
    private async Task<(UnitOutcome? Outcome, List<Diagnostic> Diagnostics)[]> ReconcileUnitsAsync(
        List<UnitWork> works, CancellationToken cancellationToken)
    {
        var results = new (UnitOutcome? Outcome, List<Diagnostic> Diagnostics)[works.Count];
        for (var i = 0; i < works.Count; i++)
        {
            results[i] = (null, []);
        }

        var groups = SharingOutputs(works);
        await BoundedWrites.ForEachAsync(
            groups.Count,
            _options.MaxConcurrentWrites,
            async group =>
            {
                foreach (var index in groups[group])
                {
                    if (cancellationToken.IsCancellationRequested || !_fence.IsLeading)
                    {
                        return;
                    }

                    var diagnostics = results[index].Diagnostics;
                    var outcome = await _reconciler.ReconcileAsync(works[index], diagnostics, cancellationToken)
                        .ConfigureAwait(false);
                    results[index] = (outcome, diagnostics);
                }
            }).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return results;
    }

    /// <summary>
    /// The units grouped so that units which want or hold one output (by group, kind, namespace and name) are in one
    /// group: each group lists its units' positions in order, and the groups are ordered by their first unit.
    /// </summary>
    private static List<List<int>> SharingOutputs(List<UnitWork> works)
    {
        var parent = Enumerable.Range(0, works.Count).ToArray();
        int Root(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        var firstHolder = new Dictionary<ResourceRef, int>();
        for (var i = 0; i < works.Count; i++)
        {
            var keys = works[i].Desired.Select(r => OutputKey(r.Ref))
                .Concat(works[i].Observed.Select(o => OutputKey(o.Ref)));
            foreach (var key in keys)
            {
                if (!firstHolder.TryAdd(key, i) && Root(i) is var mine && Root(firstHolder[key]) is var theirs
                    && mine != theirs)
                {
                    parent[Math.Max(mine, theirs)] = Math.Min(mine, theirs);
                }
            }
        }

        var groups = new List<List<int>>();
        var groupOfRoot = new Dictionary<int, List<int>>();
        for (var i = 0; i < works.Count; i++)
        {
            if (!groupOfRoot.TryGetValue(Root(i), out var group))
            {
                group = [];
                groupOfRoot[Root(i)] = group;
                groups.Add(group);
            }

            group.Add(i);
        }

        return groups;
    }

    /// <summary>
    /// Queues each unit whose translation threw again with its own backoff, and says so on each of its SMI objects:
    /// the reason and the exception's message, never its stack trace.
    /// </summary>
    /// <returns>One error per SMI object of each failed unit.</returns>
    private List<Diagnostic> FailedTranslationDiagnostics(
        ImmutableDictionary<UnitKey, Exception> failures, Func<ResourceRef, bool> isSmiObject)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var (unit, error) in failures.OrderBy(f => f.Key))
        {
            _queue.AddRateLimited(unit);
            Metrics.Reconciles.WithLabels("failed").Inc();
            Log.TranslationFailed(_logger, unit.ToString(), _queue.Failures(unit), error);
            var message = $"Translating {unit} for {_translator.Mesh} failed, so its outputs are left as they were "
                + $"and it is retried with backoff: {MessageText.Truncate(error.Message.ReplaceLineEndings(" "), 300)}";
            diagnostics.AddRange(InputsOf(unit).Where(isSmiObject)
                .Select(source => Diagnostic.Error(SmiReasons.TranslationFailed, source, null, message)));
        }

        return diagnostics;
    }

    /// <summary>
    /// Some outputs are wanted by several units (a Consul ServiceDefaults of a service that is both a split root and
    /// an access destination); the translator gives each to one of them. When that unit stops wanting it, another unit
    /// may still: rather than prune it, hand it to that unit, which is added to this pass and applies it under its own
    /// unit annotation. Costs a full translation, and only when a due unit is about to prune something. An adopter
    /// joins even while it waits for the echoes of its own writes: held back, it would leave the output with owner
    /// references to the objects that went, for the garbage collector to delete (a Consul service without its protocol
    /// until the adopter applied it again); reconciled from a cache that lags its own writes, it wants what it wanted,
    /// as its inputs did not change, and at worst applies an output again or prunes one that is gone.
    /// </summary>
    /// <returns>The diagnostics of the adopting units.</returns>
    private IReadOnlyList<Diagnostic> AdoptSharedOutputs(
        Func<MeshSnapshot> whole,
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
        var snapshot = whole();
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

    /// <summary>
    /// Whether a unit is as its last complete reconcile left it: the same inputs with the same fingerprints, and
    /// exactly the outputs it wanted live, each at the resource version of the controller's last apply (or the one
    /// before it, while the cache has not seen the apply) and not being deleted.
    /// </summary>
    /// <param name="unit">The unit.</param>
    /// <param name="compareInputs">
    /// Whether to compare each input's fingerprint; without, only the number of its inputs (none of them changed since
    /// the last look).
    /// </param>
    private bool IsAsLeft(UnitKey unit, bool compareInputs)
    {
        if (!_memos.TryGetValue(unit, out var memo)
            || (compareInputs
                ? !memo.SameInputs(InputFingerprints(unit))
                : memo.InputCount != InputsOf(unit).Length))
        {
            return false;
        }

        var live = _outputs.Of(unit);
        return live.Count == memo.Outputs.Length
            && live.All(o => !o.IsTerminating
                && memo.Wanted(OutputKey(o.Ref))
                && _outputWrites.Applied(OutputKey(o.Ref)) is { } record
                && (string.Equals(o.ResourceVersion, record.ResourceVersion, StringComparison.Ordinal)
                    || string.Equals(o.ResourceVersion, record.PreviousVersion, StringComparison.Ordinal)));
    }

    /// <summary>The inputs of a unit with the fingerprint of each as cached now (null when not cached).</summary>
    private ImmutableArray<(ResourceRef Input, UInt128? Fingerprint)> InputFingerprints(UnitKey unit) =>
        [.. InputsOf(unit).Select(i => (i, _objects.Find(i)?.Fingerprint))];

    /// <summary>The inputs of a unit, as the unit index lists them; none for a unit that is gone.</summary>
    private ImmutableArray<ResourceRef> InputsOf(UnitKey unit) =>
        _unitIndex.Units.TryGetValue(unit, out var found) ? found.Inputs : [];

    /// <summary>
    /// How often a pass that looks at everything builds the unit index and the kept snapshot anew rather than updating
    /// them, and compares the fingerprints of every unit's inputs with its memo: the first such pass, then every this
    /// many (at the default resync period, hourly).
    /// </summary>
    internal const int RebuildEvery = 6;

    /// <summary>
    /// The unit index, kept up to date by the passes; read (and, to test its healing, disturbed) when idle.
    /// </summary>
    internal IncrementalUnitIndex UnitIndex => _unitIndex;

    /// <summary>
    /// Whether a change pass translates on a snapshot of the namespaces its units read. Consul's translation reads
    /// every namespace (without Consul namespaces, a service name used in two Kubernetes namespaces is one Consul
    /// service), which the unit index does not list as inputs, so its passes take the whole fleet.
    /// </summary>
    private bool TranslatesOnScopedSnapshots =>
        !string.Equals(_translator.Mesh, ConsulTranslator.MeshName, StringComparison.Ordinal);
}
