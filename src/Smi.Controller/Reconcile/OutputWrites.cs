using Smi.Abstractions;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Controller.Cache;

namespace Smi.Controller.Reconcile;

/// <summary>
/// The controller's own writes to its outputs, to tell their watch events from other writers' changes. An apply's
/// record (the hash and the resource version it stored) is known only once the API server answers, and the watch
/// event of the write may arrive first: while a write to an output is under way, the output's events wait, and they are
/// judged once the write is recorded (or failed). An echo of the controller's own apply or prune never queues its unit
/// again; a deletion, an edit by anyone else (drift), and an older state the cache replays are told apart.
/// The echo of an apply or a prune is also awaited for its unit: a pass that took the unit's live outputs from a cache
/// that does not show the apply yet would not list the output, and would never prune it once the unit no longer wants
/// it (a TrafficTarget deleted a moment after its AuthorizationPolicy was created); one that still shows a pruned
/// output would take it as present and not create it again. The unit is held until the echo arrives
/// (which queues it again), or until a deadline should the echo be lost; kube-controller-manager's controllers hold
/// back on their own creations and deletions the same way (<c>ControllerExpectations</c>,
/// https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/controller_utils.go).
/// Thread-safe: the informers report changes while the reconciler writes.
/// </summary>
/// <param name="driftFingerprint">
/// What of an output can differ from what the controller applies: two states with the same fingerprint are no change.
/// </param>
/// <param name="requeue">Queues a unit for a change of its output that arrived during one of its writes.</param>
/// <param name="release">Queues a held unit whose wait ended otherwise than by an echo.</param>
/// <param name="time">The clock of the echoes' deadlines.</param>
/// <param name="echoTimeout">
/// How long an apply's echo is awaited: as long as a watch may stay quiet before it is taken for dead and reopened.
/// </param>
internal sealed class OutputWrites(
    Func<CachedObject, UInt128> driftFingerprint,
    Action<UnitKey, ObjectChange> requeue,
    Action<UnitKey> release,
    TimeProvider time,
    TimeSpan echoTimeout)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceRef, AppliedRecord> _applied = [];
    private readonly Dictionary<ResourceRef, List<ObjectChange>> _inFlight = [];
    private readonly Dictionary<ResourceRef, string?> _deleted = [];
    private readonly Dictionary<ResourceRef, AwaitedEcho> _awaited = [];
    private readonly Dictionary<UnitKey, HashSet<ResourceRef>> _awaitedByUnit = [];
    private readonly HashSet<UnitKey> _held = [];

    /// <summary>The key of an output: its reference without the UID.</summary>
    /// <param name="reference">The output's reference.</param>
    /// <returns>The reference without its UID.</returns>
    public static ResourceRef Key(ResourceRef reference) => reference with { Uid = null };

    /// <summary>What the controller last applied to an output, if anything.</summary>
    /// <param name="key">The output's key.</param>
    /// <returns>The record, or null.</returns>
    public AppliedRecord? Applied(ResourceRef key)
    {
        lock (_gate)
        {
            return _applied.GetValueOrDefault(key);
        }
    }

    /// <summary>Records an apply (or, in a dry run, what would have been applied).</summary>
    /// <param name="key">The output's key.</param>
    /// <param name="record">The record.</param>
    /// <param name="unit">
    /// The unit that applied the output, which waits for its echo when the apply stored another resource version than
    /// the cache held; null for a dry run, which writes nothing.
    /// </param>
    public void Record(ResourceRef key, AppliedRecord record, UnitKey? unit = null)
    {
        UnitKey? released;
        lock (_gate)
        {
            _applied[key] = record;
            _deleted.Remove(key);
            released = StopAwaiting(key);
            if (unit is { } writer
                && (record.ResourceVersion is null
                    || !string.Equals(record.ResourceVersion, record.PreviousVersion, StringComparison.Ordinal)))
            {
                // An apply that changed nothing keeps the resource version and sends no event: nothing to wait for.
                Await(
                    key,
                    new AwaitedEcho(
                        writer,
                        false,
                        record.ResourceVersion,
                        record.PreviousVersion,
                        null,
                        time.GetUtcNow() + echoTimeout));
            }
        }

        Release(released);
    }

    /// <summary>
    /// Whether the cache has yet to show an output the unit applied or pruned: the unit is then held, and the echo
    /// that shows the last of them queues it again. A write the cache shows already (its echo arrived before the write
    /// was recorded, or the object was gone before a prune) is not waited for, nor is an echo past its deadline.
    /// </summary>
    /// <param name="unit">The unit.</param>
    /// <param name="cached">The output's state in the cache, by key; null when it holds none.</param>
    /// <param name="until">The deadline of the echoes the unit waits for.</param>
    /// <returns>Whether the unit waits.</returns>
    public bool Holds(UnitKey unit, Func<ResourceRef, CachedObject?> cached, out DateTimeOffset until)
    {
        until = DateTimeOffset.MinValue;
        lock (_gate)
        {
            if (!_awaitedByUnit.TryGetValue(unit, out var keys))
            {
                return false;
            }

            var now = time.GetUtcNow();
            foreach (var key in keys.ToList())
            {
                var awaited = _awaited[key];
                if (awaited.Deadline <= now || awaited.ShownBy(cached(key)))
                {
                    StopAwaiting(key);
                }
                else if (awaited.Deadline > until)
                {
                    until = awaited.Deadline;
                }
            }

            if (!_awaitedByUnit.ContainsKey(unit))
            {
                // The last wait ended above, which took the unit out of the held ones too.
                return false;
            }

            _held.Add(unit);
            return true;
        }
    }

    /// <summary>
    /// The controller's own write to an output that the cache does not show yet (its echo is awaited, within its
    /// deadline, and <paramref name="cached"/> does not show it): what the cache says of the output's holder is then
    /// older than that write.
    /// </summary>
    /// <param name="key">The output's key.</param>
    /// <param name="cached">The output's state in the cache; null when it holds none.</param>
    /// <returns>The awaited write, or null.</returns>
    public AwaitedEcho? Unseen(ResourceRef key, CachedObject? cached)
    {
        lock (_gate)
        {
            return _awaited.TryGetValue(key, out var awaited) && awaited.Deadline > time.GetUtcNow()
                && !awaited.ShownBy(cached)
                    ? awaited
                    : null;
        }
    }

    /// <summary>Forgets the apply of an output that is gone or going.</summary>
    /// <param name="key">The output's key.</param>
    public void Forget(ResourceRef key)
    {
        UnitKey? released;
        lock (_gate)
        {
            _applied.Remove(key);
            released = StopAwaiting(key);
        }

        Release(released);
    }

    /// <summary>Forgets every apply and delete of one kind, whose objects are no longer watched.</summary>
    /// <param name="group">The kind's API group.</param>
    /// <param name="kind">The kind.</param>
    public void ForgetKind(string group, string kind)
    {
        bool OfKind(ResourceRef key) =>
            string.Equals(key.Group, group, StringComparison.Ordinal)
            && string.Equals(key.Kind, kind, StringComparison.Ordinal);
        var released = new List<UnitKey?>();
        lock (_gate)
        {
            foreach (var key in _applied.Keys.Where(OfKind).ToList())
            {
                _applied.Remove(key);
            }

            foreach (var key in _deleted.Keys.Where(OfKind).ToList())
            {
                _deleted.Remove(key);
            }

            foreach (var key in _awaited.Keys.Where(OfKind).ToList())
            {
                released.Add(StopAwaiting(key));
            }
        }

        released.ForEach(Release);
    }

    /// <summary>Records a delete the controller sent, so that its echo does not queue the unit.</summary>
    /// <param name="key">The output's key.</param>
    /// <param name="uid">The UID of the deleted object.</param>
    /// <param name="unit">
    /// The unit that pruned the output, which waits for the echo: a pass that still found the output in the cache
    /// would take it as present and not create it again should the unit want it back.
    /// </param>
    /// <param name="version">The resource version of the output the cache held when the delete was sent.</param>
    public void Deleted(ResourceRef key, string? uid, UnitKey? unit = null, string? version = null)
    {
        UnitKey? released;
        lock (_gate)
        {
            _applied.Remove(key);
            _deleted[key] = uid;
            released = StopAwaiting(key);
            if (unit is { } writer)
            {
                Await(key, new AwaitedEcho(writer, true, null, version, uid, time.GetUtcNow() + echoTimeout));
            }
        }

        Release(released);
    }

    /// <summary>
    /// Runs one write to an output (which records its outcome itself). The output's watch events that arrive during
    /// the write are judged after it; each that is not the write's own echo queues its unit.
    /// </summary>
    /// <typeparam name="T">What the write returns.</typeparam>
    /// <param name="key">The output's key.</param>
    /// <param name="write">The write, with its record.</param>
    /// <returns>What the write returned.</returns>
    public async Task<T> WriteAsync<T>(ResourceRef key, Func<Task<T>> write)
    {
        lock (_gate)
        {
            _inFlight[key] = [];
        }

        List<(UnitKey Unit, ObjectChange Change)> queue = [];
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                if (_inFlight.Remove(key, out var deferred))
                {
                    foreach (var change in deferred)
                    {
                        if (Judge(change) is { } unit)
                        {
                            queue.Add((unit, change));
                        }
                    }
                }
            }

            foreach (var (unit, change) in queue)
            {
                requeue(unit, change);
            }
        }
    }

    /// <summary>
    /// Judges a watch event of an output: the unit to queue when someone else deleted or changed it, null when the
    /// event is the controller's own write, an older state, or a change to nothing the controller applies. While a
    /// write to the output is under way the event waits for it, and null is returned.
    /// </summary>
    /// <param name="change">The change the informer saw.</param>
    /// <returns>The unit to queue, or null.</returns>
    public UnitKey? Observe(ObjectChange change)
    {
        lock (_gate)
        {
            if (_inFlight.TryGetValue(Key(change.Current.Ref), out var deferred))
            {
                deferred.Add(change);
                return null;
            }

            return Judge(change);
        }
    }

    /// <summary>
    /// Judges a change with the gate held: the unit to queue for it, or else the held unit whose last awaited echo it
    /// is.
    /// </summary>
    private UnitKey? Judge(ObjectChange change)
    {
        var released = Released(change);
        return JudgeChange(change) ?? released;
    }

    /// <summary>
    /// Ends the wait for a write's echo when the change shows it (<see cref="AwaitedEcho.ShownBy"/>) or the object's
    /// deletion; returns the unit to queue when it was held and waits for nothing more.
    /// </summary>
    private UnitKey? Released(ObjectChange change)
    {
        // A deletion after an apply ends the wait too: the unit is queued for it (someone else deleted the output).
        var key = Key(change.Current.Ref);
        return _awaited.TryGetValue(key, out var awaited) && (change.New is null || awaited.ShownBy(change.New))
            ? StopAwaiting(key)
            : null;
    }

    /// <summary>Queues a held unit whose wait a write or a forgotten kind ended.</summary>
    private void Release(UnitKey? unit)
    {
        if (unit is { } held)
        {
            release(held);
        }
    }

    private void Await(ResourceRef key, AwaitedEcho awaited)
    {
        _awaited[key] = awaited;
        if (!_awaitedByUnit.TryGetValue(awaited.Unit, out var keys))
        {
            keys = [];
            _awaitedByUnit[awaited.Unit] = keys;
        }

        keys.Add(key);
    }

    /// <summary>
    /// Stops awaiting an output's echo; returns its unit when the unit was held and waits for nothing more.
    /// </summary>
    private UnitKey? StopAwaiting(ResourceRef key)
    {
        if (!_awaited.Remove(key, out var awaited)
            || !_awaitedByUnit.TryGetValue(awaited.Unit, out var keys)
            || !keys.Remove(key)
            || keys.Count > 0)
        {
            return null;
        }

        _awaitedByUnit.Remove(awaited.Unit);
        return _held.Remove(awaited.Unit) ? awaited.Unit : null;
    }

    /// <summary>Judges a change with the gate held: the unit to queue when someone else changed the output.</summary>
    private UnitKey? JudgeChange(ObjectChange change)
    {
        var current = change.Current;
        var key = Key(current.Ref);
        var unit = UnitAnnotation.Parse(current.Annotations.GetValueOrDefault(GeneratedMetadata.UnitAnnotation));
        if (change.New is null)
        {
            // Deleted: by the controller's own prune (its echo), or by someone, and if a unit still wants it, the
            // unit re-creates it. An object that was held by finalizers went when their holders let it go.
            _applied.Remove(key);
            var pruned = _deleted.Remove(key, out var uid)
                && string.Equals(uid, current.Uid, StringComparison.Ordinal)
                && change.Old is not { IsTerminating: true };
            return pruned ? null : unit;
        }

        if (change.New.IsTerminating && change.Old is not { IsTerminating: true })
        {
            // Now being deleted: its unit waits for it to go (and says so) rather than counting it as present,
            // unless the controller itself deleted it, when no unit wants it.
            _applied.Remove(key);
            return _deleted.TryGetValue(key, out var uid) && string.Equals(uid, current.Uid, StringComparison.Ordinal)
                ? null
                : unit;
        }

        if (_applied.TryGetValue(key, out var record)
            && (string.Equals(change.New.ResourceVersion, record.ResourceVersion, StringComparison.Ordinal)
                || string.Equals(change.New.ResourceVersion, record.PreviousVersion, StringComparison.Ordinal)))
        {
            return null;
        }

        if (change.Old is not null
            && driftFingerprint(change.Old) == driftFingerprint(change.New))
        {
            return null;
        }

        return unit;
    }
}
