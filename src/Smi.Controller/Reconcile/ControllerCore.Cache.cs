using Smi.Controller.Cache;

namespace Smi.Controller.Reconcile;

/// <summary>Read access to the informer cache for the other servers of the host.</summary>
public sealed partial class ControllerCore
{
    /// <summary>Whether Pods are in the cache (<see cref="ControllerOptions.WatchPods"/>).</summary>
    public bool WatchesPods => _options.WatchPods;

    /// <summary>The namespaces the controller watches; empty for all.</summary>
    public IReadOnlyList<string> WatchedNamespaces => [.. _options.Namespaces];

    /// <summary>
    /// The cached objects of one kind across every watched namespace, in no order; empty before the informers exist or
    /// when the kind is not watched.
    /// </summary>
    /// <param name="group">The API group, empty for the core group.</param>
    /// <param name="kind">The kind, for example <c>Deployment</c>.</param>
    /// <returns>A copy of the cached objects.</returns>
    internal IReadOnlyList<CachedObject> CachedObjects(string group, string kind)
    {
        if (!_started)
        {
            return [];
        }

        return [.. AllInformers()
            .Where(i => string.Equals(i.Kind.Group, group, StringComparison.Ordinal) && string.Equals(i.Kind.Kind, kind, StringComparison.Ordinal))
            .SelectMany(i => i.Items())];
    }
}
