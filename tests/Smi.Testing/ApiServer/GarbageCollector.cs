using System.Threading.Channels;

namespace Smi.Testing.ApiServer;

/// <summary>
/// Deletes, in the background, every object whose owner references all point to deleted objects (cascading), the
/// contents of terminating namespaces (then the namespace, once it is empty, as the namespace controller of
/// <c>pkg/controller/namespace/deletion/namespaced_resources_deleter.go</c> does) and the custom objects of deleted
/// CRDs. Objects with finalizers are only marked for deletion, as a DELETE request marks them.
/// </summary>
internal sealed class GarbageCollector
{
    private readonly ObjectStore _store;
    private readonly Channel<(ObjectKey Key, string? Uid)> _queue =
        Channel.CreateUnbounded<(ObjectKey, string?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _orphaned = new(StringComparer.Ordinal);

    public GarbageCollector(ObjectStore store)
    {
        _store = store;
        _store.Deleted += (key, uid) => _queue.Writer.TryWrite((key, uid));

        // A null uid means: empty this terminating namespace.
        _store.NamespaceTerminating += name =>
            _queue.Writer.TryWrite((new ObjectKey(ObjectStore.NamespaceStorageKey, string.Empty, name), null));
    }

    /// <summary>Leaves the dependents of this uid alone (propagationPolicy Orphan). Call under the store gate before deleting.</summary>
    public void Orphan(string uid) => _orphaned.Add(uid);

    /// <summary>Processes deletions until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var item))
                {
                    Collect(item.Key, item.Uid);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
    }

    private void Collect(ObjectKey deleted, string? uid)
    {
        lock (_store.Gate)
        {
            List<KeyValuePair<ObjectKey, StoredObject>> doomed;
            if (uid is null || deleted.StorageKey == ObjectStore.NamespaceStorageKey)
            {
                doomed = [.. _store.All().Where(p => p.Key.Namespace == deleted.Name)];
            }
            else if (deleted.StorageKey == ResourceRegistry.CrdGroup + "/customresourcedefinitions")
            {
                var dot = deleted.Name.IndexOf('.', StringComparison.Ordinal);
                var storageKey = dot > 0 ? deleted.Name[(dot + 1)..] + "/" + deleted.Name[..dot] : string.Empty;
                doomed = [.. _store.All().Where(p => p.Key.StorageKey == storageKey)];
            }
            else if (_orphaned.Remove(uid))
            {
                doomed = [];
            }
            else
            {
                doomed = [.. _store.All().Where(p => OwnedOnlyByDeleted(p.Value, uid))];
            }

            foreach (var (key, stored) in doomed)
            {
                _store.Delete(key, stored);
            }

            var ns = uid is null ? deleted.Name : deleted.Namespace;
            if (ns.Length > 0)
            {
                RemoveIfEmptyAndTerminating(ns);
            }
        }
    }

    /// <summary>Removes a terminating namespace once it is empty and has no finalizers of its own.</summary>
    private void RemoveIfEmptyAndTerminating(string ns)
    {
        var key = new ObjectKey(ObjectStore.NamespaceStorageKey, string.Empty, ns);
        if (_store.Find(key) is { } found
            && ObjectStore.IsTerminating(found)
            && !ObjectStore.HasFinalizers(found)
            && !_store.All().Any(p => p.Key.Namespace == ns))
        {
            _store.Commit(key, found, null);
        }
    }

    private bool OwnedOnlyByDeleted(StoredObject stored, string deletedUid)
    {
        if (stored.Metadata["ownerReferences"] is not System.Text.Json.Nodes.JsonArray owners || owners.Count == 0)
        {
            return false;
        }

        var uids = owners.Select(o => o?["uid"]?.GetValue<string>()).ToList();
        return uids.Contains(deletedUid) && uids.All(u => u is null || !_store.UidExists(u));
    }
}
