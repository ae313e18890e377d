using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Smi.Kube.Api;

/// <summary>
/// The few API calls the controller makes, over any <see cref="IKubernetes"/>: list and watch any kind as JSON, apply,
/// delete, patch status, create Events and read discovery. Custom kinds go through the generic CustomObjects API; the
/// core and apps kinds through their typed APIs.
/// </summary>
internal sealed class KubeApi(IKubernetes client)
{
    public IKubernetes Client { get; } = client;

    /// <summary>
    /// One page of a list: at most <paramref name="limit"/> items (0 for all) from where
    /// <paramref name="continueToken"/> left off (null for the first page).
    /// </summary>
    public async Task<ObjectList> ListAsync(
        ResourceKind kind,
        string? ns,
        string? labelSelector,
        int limit,
        string? continueToken,
        CancellationToken cancellationToken)
    {
        var page = new ListPage(labelSelector, limit > 0 ? limit : null, continueToken);
        var body = kind.Group is "" or "apps"
            ? await ListTypedAsync(kind, ns, page, cancellationToken).ConfigureAwait(false)
            : await ListCustomAsync(kind, ns, page, cancellationToken).ConfigureAwait(false);
        var items = body.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Select(i => i.Clone())]
            : new List<JsonElement>();
        var hasMetadata = body.TryGetProperty("metadata", out var metadata)
            && metadata.ValueKind == JsonValueKind.Object;
        var resourceVersion = hasMetadata && metadata.TryGetProperty("resourceVersion", out var rv)
            ? rv.GetString()
            : null;
        var next = hasMetadata && metadata.TryGetProperty("continue", out var token) ? token.GetString() : null;
        return new ObjectList(items, resourceVersion) { Continue = string.IsNullOrEmpty(next) ? null : next };
    }

    public IAsyncEnumerable<WatchItem> WatchAsync(ResourceKind kind, string? ns, string? labelSelector, string? resourceVersion, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var all = ns is null;
        return (kind.Group, kind.Plural) switch
        {
            ("", "services") => Watch<V1Service, V1ServiceList>(all
                ? Client.CoreV1.ListServiceForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken)
                : Client.CoreV1.ListNamespacedServiceWithHttpMessagesAsync(ns, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken), cancellationToken),
            ("", "pods") => Watch<V1Pod, V1PodList>(all
                ? Client.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken)
                : Client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(ns, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken), cancellationToken),
            ("", "namespaces") => Watch<V1Namespace, V1NamespaceList>(
                Client.CoreV1.ListNamespaceWithHttpMessagesAsync(allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken), cancellationToken),
            ("apps", "deployments") => Watch<V1Deployment, V1DeploymentList>(all
                ? Client.AppsV1.ListDeploymentForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken)
                : Client.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync(ns, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken), cancellationToken),
            ("apps", "statefulsets") => Watch<V1StatefulSet, V1StatefulSetList>(all
                ? Client.AppsV1.ListStatefulSetForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken)
                : Client.AppsV1.ListNamespacedStatefulSetWithHttpMessagesAsync(ns, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken), cancellationToken),
            ("apps", "daemonsets") => Watch<V1DaemonSet, V1DaemonSetList>(all
                ? Client.AppsV1.ListDaemonSetForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken)
                : Client.AppsV1.ListNamespacedDaemonSetWithHttpMessagesAsync(ns, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken), cancellationToken),
            ("", _) or ("apps", _) => throw new NotSupportedException($"{kind} is not a kind the controller watches"),
            _ => Watch<JsonElement, object>(all
                ? Client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(kind.Group, kind.Version, kind.Plural, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken)
                : Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(kind.Group, kind.Version, ns, kind.Plural, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken), cancellationToken),
        };
    }

    /// <summary>Server-side apply of one object; returns the object the server stored.</summary>
    public async Task<JsonElement> ApplyAsync(ResourceKind kind, string? ns, string name, string json, string fieldManager, CancellationToken cancellationToken)
    {
        var patch = new V1Patch(json, V1Patch.PatchType.ApplyPatch);
        using var response = ns is null
            ? await Client.CustomObjects.PatchClusterCustomObjectWithHttpMessagesAsync(patch, kind.Group, kind.Version, kind.Plural, name, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await Client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync(patch, kind.Group, kind.Version, ns, kind.Plural, name, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ToElement(response.Body);
    }

    /// <summary>Reads one custom object; null when it does not exist.</summary>
    public async Task<JsonElement?> GetAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var response = ns is null
                ? await Client.CustomObjects.GetClusterCustomObjectWithHttpMessagesAsync(kind.Group, kind.Version, kind.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await Client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync(kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToElement(response.Body);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes one object if its UID still matches; a missing object counts as deleted.</summary>
    public async Task DeleteAsync(ResourceKind kind, string? ns, string name, string? uid, CancellationToken cancellationToken)
    {
        var options = new V1DeleteOptions { Preconditions = uid is null ? null : new V1Preconditions { Uid = uid }, PropagationPolicy = "Background" };
        try
        {
            using var response = ns is null
                ? await Client.CustomObjects.DeleteClusterCustomObjectWithHttpMessagesAsync(kind.Group, kind.Version, kind.Plural, name, body: options, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await Client.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync(kind.Group, kind.Version, ns, kind.Plural, name, body: options, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone: what pruning wanted.
        }
    }

    /// <summary>Reads one cluster-scoped object (a Namespace, or a custom object); null when there is none.</summary>
    public async Task<JsonElement?> GetClusterObjectAsync(
        ResourceKind kind, string name, CancellationToken cancellationToken)
    {
        try
        {
            if (kind.Group.Length == 0 && kind.Plural == "namespaces")
            {
                using var read = await Client.CoreV1
                    .ReadNamespaceWithHttpMessagesAsync(name, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                return ToElement(read.Body);
            }

            return await GetAsync(kind, null, name, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>A JSON merge patch on the status subresource.</summary>
    public async Task PatchStatusAsync(ResourceKind kind, string ns, string name, string mergePatch, string fieldManager, CancellationToken cancellationToken)
    {
        var patch = new V1Patch(mergePatch, V1Patch.PatchType.MergePatch);
        using var response = await Client.CustomObjects.PatchNamespacedCustomObjectStatusWithHttpMessagesAsync(patch, kind.Group, kind.Version, ns, kind.Plural, name, fieldManager: fieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task CreateEventAsync(Corev1Event kubeEvent, CancellationToken cancellationToken)
    {
        using var response = await Client.CoreV1.CreateNamespacedEventWithHttpMessagesAsync(kubeEvent, kubeEvent.Metadata.NamespaceProperty, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The served API groups and their versions (<c>/apis</c>).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> GetServedGroupVersionsAsync(CancellationToken cancellationToken)
    {
        var groups = await Client.Apis.GetAPIVersionsAsync(cancellationToken).ConfigureAwait(false);
        return (groups.Groups ?? []).ToDictionary(
            g => g.Name,
            g => (IReadOnlySet<string>)(g.Versions ?? []).Select(v => v.Version).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// The served versions of a CustomResourceDefinition and those of them with a status subresource; null when there is
    /// no such CRD.
    /// </summary>
    public async Task<CrdVersions?> GetCrdVersionsAsync(string group, string plural, CancellationToken cancellationToken)
    {
        try
        {
            var crd = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync($"{plural}.{group}", cancellationToken: cancellationToken).ConfigureAwait(false);
            var json = JsonNode.Parse(KubernetesJson.Serialize(crd)) as JsonObject ?? [];
            return CrdVersions.Parse(json, $"{plural}.{group}");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<JsonElement> ListCustomAsync(
        ResourceKind kind, string? ns, ListPage page, CancellationToken cancellationToken)
    {
        using var response = ns is null
            ? await Client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
                kind.Group, kind.Version, kind.Plural,
                labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                cancellationToken: cancellationToken).ConfigureAwait(false)
            : await Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
                kind.Group, kind.Version, ns, kind.Plural,
                labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        return ToElement(response.Body);
    }

    private async Task<JsonElement> ListTypedAsync(
        ResourceKind kind, string? ns, ListPage page, CancellationToken cancellationToken)
    {
        var all = ns is null;
        return (kind.Group, kind.Plural) switch
        {
            ("", "services") => await Body(all
                ? Client.CoreV1.ListServiceForAllNamespacesWithHttpMessagesAsync(
                    labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                    cancellationToken: cancellationToken)
                : Client.CoreV1.ListNamespacedServiceWithHttpMessagesAsync(
                    ns,
                    labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                    cancellationToken: cancellationToken)).ConfigureAwait(false),
            ("", "pods") => await Body(all
                ? Client.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(
                    labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                    cancellationToken: cancellationToken)
                : Client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(
                    ns,
                    labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                    cancellationToken: cancellationToken)).ConfigureAwait(false),
            ("", "namespaces") => await Body(Client.CoreV1.ListNamespaceWithHttpMessagesAsync(
                labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                cancellationToken: cancellationToken)).ConfigureAwait(false),
            ("apps", "deployments") => await Body(all
                ? Client.AppsV1.ListDeploymentForAllNamespacesWithHttpMessagesAsync(
                    labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                    cancellationToken: cancellationToken)
                : Client.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync(
                    ns,
                    labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                    cancellationToken: cancellationToken)).ConfigureAwait(false),
            ("apps", "statefulsets") => await Body(all
                ? Client.AppsV1.ListStatefulSetForAllNamespacesWithHttpMessagesAsync(
                    labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                    cancellationToken: cancellationToken)
                : Client.AppsV1.ListNamespacedStatefulSetWithHttpMessagesAsync(
                    ns,
                    labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                    cancellationToken: cancellationToken)).ConfigureAwait(false),
            ("apps", "daemonsets") => await Body(all
                ? Client.AppsV1.ListDaemonSetForAllNamespacesWithHttpMessagesAsync(
                    labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                    cancellationToken: cancellationToken)
                : Client.AppsV1.ListNamespacedDaemonSetWithHttpMessagesAsync(
                    ns,
                    labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                    cancellationToken: cancellationToken)).ConfigureAwait(false),
            ("apps", "replicasets") => await Body(all
                ? Client.AppsV1.ListReplicaSetForAllNamespacesWithHttpMessagesAsync(
                    labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                    cancellationToken: cancellationToken)
                : Client.AppsV1.ListNamespacedReplicaSetWithHttpMessagesAsync(
                    ns,
                    labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                    cancellationToken: cancellationToken)).ConfigureAwait(false),
            _ => throw new NotSupportedException($"{kind} is not a kind the controller lists"),
        };
    }

    private static async Task<JsonElement> Body<T>(Task<HttpOperationResponse<T>> call)
    {
        using var response = await call.ConfigureAwait(false);
        return ToElement(response.Body);
    }

    private static async IAsyncEnumerable<WatchItem> Watch<T, TList>(Task<HttpOperationResponse<TList>> call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Exception? failure = null;

        // The generic form over a list call is the one that covers custom objects as JSON; its replacements are per kind.
#pragma warning disable CS0618
        var stream = call.WatchAsync<T, TList>(e => failure ??= e, cancellationToken);
#pragma warning restore CS0618
        await foreach (var (type, item) in stream.ConfigureAwait(false))
        {
            yield return new WatchItem(type, ToElement(item));
        }

        if (failure is not null && !cancellationToken.IsCancellationRequested)
        {
            throw new WatchFailedException("the watch stream failed", failure) { Expired = failure is KubernetesException { Status.Code: 410 } };
        }
    }

    internal static JsonElement ToElement(object? value) => value switch
    {
        null => JsonDocument.Parse("{}").RootElement.Clone(),
        JsonElement element => element.Clone(),
        _ => JsonDocument.Parse(KubernetesJson.Serialize(value)).RootElement.Clone(),
    };
}
