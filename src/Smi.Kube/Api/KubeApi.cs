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
/// delete, patch status, create Events and read discovery. Every kind goes through the CustomObjects API, which
/// addresses the core group (<c>""</c>) under <c>/api</c>. Objects come as the server sent them: the controller reads
/// what it needs of each (for the core and apps kinds, only the fields translation reads) and keeps no copy.
/// </summary>
/// <remarks>
/// KubernetesClient's <see cref="GenericClient"/> wraps the same CustomObjects calls, but does not replace these:
/// its watch takes no label selector, resource version, timeout or bookmarks (an informer resumes from a list's
/// resource version), its patch no field manager or force (server-side apply), its delete no delete options (the UID
/// precondition, background propagation), and its reads return a typed <see cref="IKubernetesObject"/>, not JSON.
/// </remarks>
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
        var body = await ListBodyAsync(kind, ns, page, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<JsonElement> items = body?.Items ?? [];
        var resourceVersion = body?.Metadata?.ResourceVersion;
        var next = body?.Metadata?.ContinueProperty;
        return new ObjectList(items, resourceVersion) { Continue = string.IsNullOrEmpty(next) ? null : next };
    }

    /// <summary>
    /// Watches a kind from <paramref name="resourceVersion"/>, with bookmarks, for at most
    /// <paramref name="timeoutSeconds"/>.
    /// </summary>
    public IAsyncEnumerable<WatchItem> WatchAsync(
        ResourceKind kind,
        string? ns,
        string? labelSelector,
        string? resourceVersion,
        int timeoutSeconds,
        CancellationToken cancellationToken)
    {
        var call = ns is null
            ? Client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
                kind.Group, kind.Version, kind.Plural,
                allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken)
            : Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
                kind.Group, kind.Version, ns, kind.Plural,
                allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken);
        return Watch(call, cancellationToken);
    }

    /// <summary>Server-side apply of one object; returns the object the server stored.</summary>
    public async Task<JsonElement> ApplyAsync(
        ResourceKind kind,
        string? ns,
        string name,
        string json,
        string fieldManager,
        CancellationToken cancellationToken)
    {
        var patch = new V1Patch(json, V1Patch.PatchType.ApplyPatch);
        using var response = ns is null
            ? await Client.CustomObjects.PatchClusterCustomObjectWithHttpMessagesAsync(
                patch, kind.Group, kind.Version, kind.Plural, name,
                fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await Client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync(
                patch, kind.Group, kind.Version, ns, kind.Plural, name,
                fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ToElement(response.Body);
    }

    /// <summary>Reads one object; null when it does not exist.</summary>
    public async Task<JsonElement?> GetAsync(
        ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var response = ns is null
                ? await Client.CustomObjects.GetClusterCustomObjectWithHttpMessagesAsync(
                    kind.Group, kind.Version, kind.Plural, name,
                    cancellationToken: cancellationToken).ConfigureAwait(false)
                : await Client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync(
                    kind.Group, kind.Version, ns, kind.Plural, name,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToElement(response.Body);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes one object if its UID still matches; a missing object counts as deleted.</summary>
    public async Task DeleteAsync(
        ResourceKind kind, string? ns, string name, string? uid, CancellationToken cancellationToken)
    {
        var options = new V1DeleteOptions
        {
            Preconditions = uid is null ? null : new V1Preconditions { Uid = uid },
            PropagationPolicy = "Background",
        };
        try
        {
            using var response = ns is null
                ? await Client.CustomObjects.DeleteClusterCustomObjectWithHttpMessagesAsync(
                    kind.Group, kind.Version, kind.Plural, name,
                    body: options, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await Client.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync(
                    kind.Group, kind.Version, ns, kind.Plural, name,
                    body: options, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone: what pruning wanted.
        }
    }

    /// <summary>Reads one cluster-scoped object (a Namespace, or a custom object); null when there is none.</summary>
    public Task<JsonElement?> GetClusterObjectAsync(
        ResourceKind kind, string name, CancellationToken cancellationToken) =>
        GetAsync(kind, null, name, cancellationToken);

    /// <summary>A JSON merge patch on the status subresource.</summary>
    public async Task PatchStatusAsync(
        ResourceKind kind, string ns, string name, string mergePatch, string fieldManager,
        CancellationToken cancellationToken)
    {
        var patch = new V1Patch(mergePatch, V1Patch.PatchType.MergePatch);
        using var response = await Client.CustomObjects.PatchNamespacedCustomObjectStatusWithHttpMessagesAsync(
            patch, kind.Group, kind.Version, ns, kind.Plural, name,
            fieldManager: fieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task CreateEventAsync(Corev1Event kubeEvent, CancellationToken cancellationToken)
    {
        using var response = await Client.CoreV1.CreateNamespacedEventWithHttpMessagesAsync(
            kubeEvent, kubeEvent.Metadata.NamespaceProperty,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The served API groups and their versions (<c>/apis</c>).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> GetServedGroupVersionsAsync(
        CancellationToken cancellationToken)
    {
        var groups = await Client.Apis.GetAPIVersionsAsync(cancellationToken).ConfigureAwait(false);
        return (groups.Groups ?? []).ToDictionary(
            g => g.Name,
            g => (IReadOnlySet<string>)(g.Versions ?? []).Select(v => v.Version).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// The served versions of a CustomResourceDefinition and those of them with a status subresource; null when there
    /// is no such CRD.
    /// </summary>
    public async Task<CrdVersions?> GetCrdVersionsAsync(
        string group, string plural, CancellationToken cancellationToken)
    {
        try
        {
            var crd = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(
                $"{plural}.{group}", cancellationToken: cancellationToken).ConfigureAwait(false);
            var json = JsonNode.Parse(KubernetesJson.Serialize(crd)) as JsonObject ?? [];
            return CrdVersions.Parse(json, $"{plural}.{group}");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    internal static JsonElement ToElement(object? value) => value switch
    {
        null => JsonDocument.Parse("{}").RootElement.Clone(),
        JsonElement element => element.Clone(),
        _ => JsonDocument.Parse(KubernetesJson.Serialize(value)).RootElement.Clone(),
    };

    private async Task<ListBody?> ListBodyAsync(
        ResourceKind kind, string? ns, ListPage page, CancellationToken cancellationToken)
    {
        using var response = ns is null
            ? await Client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<ListBody>(
                kind.Group, kind.Version, kind.Plural,
                labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                cancellationToken: cancellationToken).ConfigureAwait(false)
            : await Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<ListBody>(
                kind.Group, kind.Version, ns, kind.Plural,
                labelSelector: page.LabelSelector, limit: page.Limit, continueParameter: page.Continue,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    private static async IAsyncEnumerable<WatchItem> Watch(
        Task<HttpOperationResponse<object>> call,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Exception? failure = null;

        // The generic form over a list call is the one that gives any kind's objects as JSON.
#pragma warning disable CS0618
        var stream = call.WatchAsync<JsonElement, object>(e => failure ??= e, cancellationToken);
#pragma warning restore CS0618
        await foreach (var (type, item) in stream.ConfigureAwait(false))
        {
            // Each event's object is parsed on its own: nothing else holds its document.
            yield return new WatchItem(type, item);
        }

        if (failure is not null && !cancellationToken.IsCancellationRequested)
        {
            throw new WatchFailedException("the watch stream failed", failure)
            {
                Expired = failure is KubernetesException { Status.Code: 410 },
            };
        }
    }
}
