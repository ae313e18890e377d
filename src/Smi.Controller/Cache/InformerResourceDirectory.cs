using k8s;
using k8s.Models;
using Smi.Abstractions.Resources;
using Smi.Metrics;
using Smi.Metrics.Inventory;

namespace Smi.Controller.Cache;

/// <summary>
/// The objects the TrafficMetrics API lists, read from the controller's informer cache: Namespaces, Deployments,
/// StatefulSets, DaemonSets and TrafficSplits (with apex and weighted backends), and Pods when they are watched. When
/// Pods are not watched they are listed through the API on each request. Only the namespaces the controller watches are
/// listed; before the controller has started the directory is empty.
/// </summary>
public sealed class InformerResourceDirectory : IResourceDirectory
{
    private readonly IClusterCache _cache;
    private readonly IKubernetes _client;

    /// <summary>Creates the directory.</summary>
    /// <param name="cache">The controller's informer cache, empty while the controller has not started.</param>
    /// <param name="client">The API client, for Pods when the controller does not watch them.</param>
    internal InformerResourceDirectory(IClusterCache cache, IKubernetes client)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(client);
        _cache = cache;
        _client = client;
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<DirectoryEntry>> ListAsync(
        MetricsResourceKind kind, string? @namespace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var scope = _cache.WatchedNamespaces;
        bool InScope(string? ns) => scope.Count == 0 || (ns is not null && scope.Contains(ns, StringComparer.Ordinal));
        if (kind == MetricsResourceKinds.Pods && !_cache.WatchesPods)
        {
            return await ListPodsAsync(@namespace, scope, cancellationToken).ConfigureAwait(false);
        }

        var (group, kubeKind) = CacheKind(kind);
        var namespaced = kind.Namespaced;
        return [.. _cache.Objects(group, kubeKind)
            .Where(o => namespaced
                ? InScope(o.Namespace) && (@namespace is null || o.Namespace == @namespace)
                : InScope(o.Name))
            .Select(o => new DirectoryEntry(o.Name, namespaced ? o.Namespace : null, o.Labels)
            {
                Split = kind == MetricsResourceKinds.TrafficSplits ? o.Split : null,
            })
            .OrderBy(e => e.Namespace, StringComparer.Ordinal)
            .ThenBy(e => e.Name, StringComparer.Ordinal)];
    }

    private static (string Group, string Kind) CacheKind(MetricsResourceKind kind) =>
        kind == MetricsResourceKinds.TrafficSplits ? (SmiGroups.Split, "TrafficSplit")
        : kind == MetricsResourceKinds.Namespaces || kind == MetricsResourceKinds.Pods ? (string.Empty, kind.Kind)
        : ("apps", kind.Kind);

    private async Task<IReadOnlyList<DirectoryEntry>> ListPodsAsync(
        string? @namespace, IReadOnlyList<string> scope, CancellationToken cancellationToken)
    {
        List<string?> namespaces = @namespace is not null
            ? scope.Count == 0 || scope.Contains(@namespace, StringComparer.Ordinal) ? [@namespace] : []
            : scope.Count == 0 ? [null] : [.. scope];
        var entries = new List<DirectoryEntry>();
        foreach (var ns in namespaces)
        {
            var list = ns is null
                ? await _client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken)
                    .ConfigureAwait(false)
                : await _client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            entries.AddRange(list.Items.Select(Entry));
        }

        return [
            .. entries.OrderBy(e => e.Namespace, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal)];
    }

    private static DirectoryEntry Entry(V1Pod pod) =>
        new(pod.Metadata?.Name ?? string.Empty, pod.Metadata?.NamespaceProperty,
            pod.Metadata?.Labels is { } labels
                ? new Dictionary<string, string>(labels, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal));
}
