namespace Smi.Controller.Cache;

/// <summary>
/// The controller's informer cache, read-only: what the reconciler and the servers of the host query. Only the
/// controller that owns the informers fills it.
/// </summary>
internal interface IClusterCache
{
    /// <summary>Whether the informers exist and every one has listed once.</summary>
    bool IsSynced { get; }

    /// <summary>Whether Pods are in the cache (<see cref="ControllerOptions.WatchPods"/>).</summary>
    bool WatchesPods { get; }

    /// <summary>The namespaces the cache holds; empty for all.</summary>
    IReadOnlyList<string> WatchedNamespaces { get; }

    /// <summary>
    /// The cached objects of one kind across every watched namespace, in no order; empty before the informers exist or
    /// when the kind is not watched.
    /// </summary>
    /// <param name="group">The API group, empty for the core group.</param>
    /// <param name="kind">The kind, for example <c>Deployment</c>.</param>
    /// <returns>A copy of the cached objects.</returns>
    IReadOnlyList<CachedObject> Objects(string group, string kind);

    /// <summary>The informers whose reads the API server refuses now; empty when none is.</summary>
    /// <returns>A copy.</returns>
    IReadOnlyList<RefusedRead> RefusedReads();
}
