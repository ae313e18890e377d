using System.Globalization;
using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>
/// All objects, one global resource-version counter, a bounded event log for watch replay and the open watches.
/// Callers hold <see cref="Gate"/> around reads and writes that must be consistent.
/// </summary>
internal sealed class ObjectStore(int historyLimit, TimeProvider time)
{
    /// <summary>The storage key of namespaces.</summary>
    public const string NamespaceStorageKey = "/namespaces";

    private readonly Dictionary<ObjectKey, StoredObject> _objects = [];

    // The objects again by storage key, as etcd keeps them under one key prefix: a list, or the webhook configurations
    // every write reads, costs the objects of that kind, not of the whole store.
    private readonly Dictionary<string, Dictionary<ObjectKey, StoredObject>> _byStorage = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectKey> _byUid = new(StringComparer.Ordinal);
    private readonly Queue<WatchRecord> _log = new();
    private readonly List<WatchSubscription> _subscriptions = [];
    private long _resourceVersion;
    private long _compactedThrough;
    private long _uidCounter;

    public Lock Gate { get; } = new();

    /// <summary>Raised (under the gate) with the key and uid of each deleted object.</summary>
    public event Action<ObjectKey, string>? Deleted;

    /// <summary>Raised (under the gate) with the name of a namespace that has just been marked for deletion.</summary>
    public event Action<string>? NamespaceTerminating;

    public long ResourceVersion
    {
        get
        {
            lock (Gate)
            {
                return _resourceVersion;
            }
        }
    }

    public TimeProvider Time { get; } = time;

    public StoredObject? Find(ObjectKey key) => _objects.GetValueOrDefault(key);

    public bool UidExists(string uid) => _byUid.ContainsKey(uid);

    public IEnumerable<KeyValuePair<ObjectKey, StoredObject>> All() => _objects;

    public IEnumerable<KeyValuePair<ObjectKey, StoredObject>> InStorage(string storageKey, string? ns) =>
        (_byStorage.TryGetValue(storageKey, out var stored) ? stored : [])
            .Where(p => ns is null || p.Key.Namespace == ns)
            .OrderBy(p => p.Key.Namespace, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Name, StringComparer.Ordinal);

    /// <summary>
    /// Drops the change history through the newest resource version, as the etcd compaction kube-apiserver runs every
    /// <c>--etcd-compaction-interval</c> (5 minutes by default) does: reads and watches at older versions get 410.
    /// </summary>
    public void Compact()
    {
        lock (Gate)
        {
            _log.Clear();
            _compactedThrough = _resourceVersion;
        }
    }

    /// <summary>
    /// The objects of one storage key (and namespace) as they were at resource version <paramref name="rv"/>, ordered
    /// by position (<c>namespace/name</c>, as etcd orders its keys, <see cref="EtcdKeyOrder"/>), from
    /// <paramref name="start"/> on (a position, as a continue token names it); null when that version has been
    /// compacted. Callers hold <see cref="Gate"/>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<ObjectKey, JsonObject>>? StateAt(string storageKey, string? ns, long rv, string? start = null)
    {
        if (rv < _compactedThrough)
        {
            return null;
        }

        // Only the objects from the start on are kept and ordered: a list's later pages cost what is left, as etcd
        // reads a range from its start key, not every object again.
        var stored = _byStorage.TryGetValue(storageKey, out var ofStorage) ? ofStorage : [];
        var state = new Dictionary<ObjectKey, JsonObject>();
        foreach (var (key, value) in stored)
        {
            if ((ns is null || key.Namespace == ns) && (start is null || EtcdKeyOrder.Compare(key, start) >= 0))
            {
                state[key] = value.Object;
            }
        }

        foreach (var record in _log.Reverse().TakeWhile(r => r.ResourceVersion > rv))
        {
            if (record.StorageKey != storageKey || (ns is not null && record.Namespace != ns))
            {
                continue;
            }

            var name = record.Object["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;
            var key = new ObjectKey(record.StorageKey, record.Namespace, name);
            if (start is not null && EtcdKeyOrder.Compare(key, start) < 0)
            {
                continue;
            }

            if (record.Previous is null || record.Type == "ADDED")
            {
                state.Remove(key);
            }
            else
            {
                state[key] = record.Previous;
            }
        }

        // In etcd's order of keys, the characters of namespace/name (EtcdKeyOrder).
        return [.. state.OrderBy(p => p.Key, EtcdKeyOrder.Instance)];
    }

    /// <summary>
    /// Removes every object of a custom resource whose CRD is being deleted, each with a DELETED event, then ends the
    /// open watches of it, as kube-apiserver's CRD finalizer <c>customresourcecleanup.apiextensions.k8s.io</c> and the
    /// removal of the kind's storage do (<c>apiextensions-apiserver/pkg/controller/finalizer/crd_finalizer.go</c>).
    /// Objects are removed even with finalizers of their own, where the real server would wait for them. Callers hold
    /// <see cref="Gate"/>.
    /// </summary>
    public void PurgeStorage(string storageKey)
    {
        foreach (var (key, stored) in InStorage(storageKey, null).ToList())
        {
            Commit(key, stored, null);
        }

        foreach (var subscription in _subscriptions.Where(s => s.StorageKey == storageKey).ToList())
        {
            _subscriptions.Remove(subscription);
            subscription.Channel.Writer.TryComplete();
        }
    }

    public string NewUid()
    {
        var n = ++_uidCounter;
        var random = Guid.NewGuid().ToString("D");
        return string.Create(CultureInfo.InvariantCulture, $"{random[..24]}{n:x12}");
    }

    public string Now() => Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Stores a new or changed object (or removes it when <paramref name="after"/> is null), bumps the resource version and notifies watches.</summary>
    public JsonObject Commit(ObjectKey key, StoredObject? before, StoredObject? after)
    {
        var rv = ++_resourceVersion;
        var rvText = rv.ToString(CultureInfo.InvariantCulture);
        string type;
        JsonObject snapshot;
        if (after is null)
        {
            type = "DELETED";
            _objects.Remove(key);
            if (_byStorage.TryGetValue(key.StorageKey, out var ofStorage) && ofStorage.Remove(key) && ofStorage.Count == 0)
            {
                _byStorage.Remove(key.StorageKey);
            }

            var uid = before!.Uid;
            _byUid.Remove(uid);
            snapshot = (JsonObject)before.Object.DeepClone();
            ((JsonObject)snapshot["metadata"]!)["resourceVersion"] = rvText;
            Deleted?.Invoke(key, uid);
        }
        else
        {
            type = before is null ? "ADDED" : "MODIFIED";
            after.Metadata["resourceVersion"] = rvText;
            RenderManagedFields(after);
            _objects[key] = after;
            if (!_byStorage.TryGetValue(key.StorageKey, out var ofStorage))
            {
                ofStorage = [];
                _byStorage[key.StorageKey] = ofStorage;
            }

            ofStorage[key] = after;
            _byUid[after.Uid] = key;
            snapshot = (JsonObject)after.Object.DeepClone();
        }

        // The state before is no longer stored (a write stores a new object, and nothing changes a stored one in
        // place): the event log keeps it as it is.
        var record = new WatchRecord(rv, type, key.StorageKey, key.Namespace, snapshot, before?.Object);
        _log.Enqueue(record);
        while (_log.Count > historyLimit)
        {
            _compactedThrough = _log.Dequeue().ResourceVersion;
        }

        foreach (var subscription in _subscriptions)
        {
            if (subscription.Wants(record))
            {
                subscription.Channel.Writer.TryWrite(record);
            }
        }

        return snapshot;
    }

    /// <summary>
    /// Deletes an object the way the registry does (<c>k8s.io/apiserver/pkg/registry/generic/registry/store.go</c>):
    /// with finalizers it is only marked (<c>metadata.deletionTimestamp</c>, grace period 0; a namespace also gets
    /// phase Terminating) and stays until its last finalizer is removed; otherwise it is removed. A second delete of a
    /// marked object changes nothing. Returns the stored (marked) or deleted object and whether it was removed.
    /// </summary>
    public (JsonObject Snapshot, bool Removed) Delete(ObjectKey key, StoredObject current)
    {
        var isNamespace = key.StorageKey == NamespaceStorageKey;
        if (!HasFinalizers(current) && !isNamespace)
        {
            return (Commit(key, current, null), true);
        }

        if (IsTerminating(current))
        {
            return ((JsonObject)current.Object.DeepClone(), false);
        }

        var marked = current.Clone();

        // markAsDeleting: a generation that is tracked is bumped, so that controllers notice the deletion.
        if (marked.Metadata["generation"] is JsonValue g && g.TryGetValue<long>(out var generation) && generation > 0)
        {
            marked.Metadata["generation"] = generation + 1;
        }

        marked.Metadata["deletionTimestamp"] = Now();
        marked.Metadata["deletionGracePeriodSeconds"] = 0;
        if (isNamespace)
        {
            var status = marked.Object["status"] as JsonObject ?? [];
            status["phase"] = "Terminating";
            marked.Object["status"] = status;
        }

        var snapshot = Commit(key, current, marked);
        if (isNamespace)
        {
            NamespaceTerminating?.Invoke(key.Name);
        }

        return (snapshot, false);
    }

    /// <summary>Whether the object has <c>metadata.deletionTimestamp</c>.</summary>
    public static bool IsTerminating(StoredObject stored) => stored.Metadata["deletionTimestamp"] is not null;

    /// <summary>Whether the object has any <c>metadata.finalizers</c>.</summary>
    public static bool HasFinalizers(StoredObject stored) => stored.Metadata["finalizers"] is JsonArray { Count: > 0 };

    /// <summary>Whether the namespace exists and is being deleted.</summary>
    public bool NamespaceIsTerminating(string ns) =>
        Find(new ObjectKey(NamespaceStorageKey, string.Empty, ns)) is { } found && IsTerminating(found);

    /// <summary>
    /// Opens a watch. With <paramref name="fromVersion"/> null the current objects are queued as ADDED; otherwise the
    /// logged changes after it are. Returns null (and the oldest retained version) when that history was compacted.
    /// </summary>
    public WatchSubscription? Subscribe(string storageKey, string? ns, long? fromVersion, out long oldestRetained)
    {
        oldestRetained = _compactedThrough + 1;
        var subscription = new WatchSubscription(storageKey, ns);
        if (fromVersion is { } from)
        {
            if (from < _compactedThrough)
            {
                return null;
            }

            foreach (var record in _log)
            {
                if (record.ResourceVersion > from && subscription.Wants(record))
                {
                    subscription.Channel.Writer.TryWrite(record);
                }
            }
        }
        else
        {
            foreach (var (key, stored) in InStorage(storageKey, ns))
            {
                var rv = long.Parse(stored.Metadata["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                subscription.Channel.Writer.TryWrite(new WatchRecord(rv, "ADDED", key.StorageKey, key.Namespace, (JsonObject)stored.Object.DeepClone(), null));
            }
        }

        _subscriptions.Add(subscription);
        return subscription;
    }

    public void Unsubscribe(WatchSubscription subscription)
    {
        lock (Gate)
        {
            _subscriptions.Remove(subscription);
        }

        subscription.Channel.Writer.TryComplete();
    }

    /// <summary>The current resource version when nothing is queued for the watch (so a bookmark cannot skip a change); else null.</summary>
    public long? BookmarkVersion(WatchSubscription subscription)
    {
        lock (Gate)
        {
            return subscription.Channel.Reader.Count == 0 ? _resourceVersion : null;
        }
    }

    public void CloseAll()
    {
        lock (Gate)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Channel.Writer.TryComplete();
            }

            _subscriptions.Clear();
        }
    }

    private static void RenderManagedFields(StoredObject stored)
    {
        var entries = new JsonArray();
        foreach (var entry in stored.Managers.Values.Where(e => e.Fields.Count > 0).OrderBy(e => e.Time, StringComparer.Ordinal).ThenBy(e => e.Manager, StringComparer.Ordinal))
        {
            var item = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
                ["time"] = entry.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = Merge.StructuredMerge.ToFieldsV1(entry.Fields),
            };
            if (entry.Subresource is not null)
            {
                item["subresource"] = entry.Subresource;
            }

            entries.Add(item);
        }

        if (entries.Count > 0)
        {
            stored.Metadata["managedFields"] = entries;
        }
        else
        {
            stored.Metadata.Remove("managedFields");
        }
    }
}
