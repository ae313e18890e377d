using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using Smi.Abstractions.Conversion;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;

namespace Smi.Kube.Api;

/// <summary>
/// Reads, once and without writing, what the controller watches: the SMI objects (each kind in the newest version this
/// library reads among those the cluster serves, as the controller's discovery picks it), Services, Deployments,
/// StatefulSets, DaemonSets, ReplicaSets and Pods that no controller owns (a Deployment stands for its ReplicaSets, a
/// ReplicaSet or other controller for its Pods), and Namespaces. Namespaces being deleted are left out with all their
/// content, as the controller leaves them out, each with an info diagnostic. Each object goes through the same loader
/// as a manifest file, so a snapshot built from the result is the one the files would give.
/// </summary>
/// <param name="client">The API client.</param>
public sealed class ClusterInputReader(IKubernetes client)
{
    /// <summary>How each object read is named in diagnostics: <c>cluster: Kind ns/name</c>.</summary>
    public const string LocationPrefix = "cluster: ";

    private const int PageSize = 500;

    private static readonly ResourceKind[] ContextKinds =
    [
        new(string.Empty, "v1", "services", "Service"),
        new("apps", "v1", "deployments", "Deployment"),
        new("apps", "v1", "statefulsets", "StatefulSet"),
        new("apps", "v1", "daemonsets", "DaemonSet"),
        new("apps", "v1", "replicasets", "ReplicaSet"),
        new(string.Empty, "v1", "pods", "Pod"),
    ];

    private static readonly ResourceKind Namespaces = new(string.Empty, "v1", "namespaces", "Namespace", false);

    private readonly KubeApi _api = new(client ?? throw new ArgumentNullException(nameof(client)));

    /// <summary>Reads the SMI objects and their context in one namespace, or in all.</summary>
    /// <param name="ns">The namespace; null for all namespaces.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>Everything read.</returns>
    public async Task<ClusterInputs> ReadAsync(string? ns, CancellationToken cancellationToken)
    {
        var objects = ImmutableArray.CreateBuilder<LoadedObject>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var terminating = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var item in await ListAsync(Namespaces, null, null, cancellationToken).ConfigureAwait(false))
            {
                var loaded = ClusterObjects.Load(item, Namespaces, LocationPrefix);
                if (IsTerminating(item) && loaded.Objects.FirstOrDefault() is { } terminatingNamespace)
                {
                    terminating.Add(terminatingNamespace.Ref.Name);
                    diagnostics.Add(Diagnostic.Info(
                        SmiReasons.NamespaceTerminating,
                        terminatingNamespace.Ref,
                        "metadata.deletionTimestamp",
                        $"namespace {terminatingNamespace.Ref.Name} is being deleted: it and everything in it are left "
                        + "out, as the controller leaves them out") with { Location = terminatingNamespace.Location });
                    continue;
                }

                Add(loaded, objects, diagnostics);
            }
        }
        catch (HttpOperationException e) when (ns is not null && e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            diagnostics.Add(Diagnostic.Warning(
                SmiReasons.NamespacesUnreadable,
                null,
                null,
                "the credentials may not list Namespaces, so namespace labels are not known; selectors on them match "
                + "nothing"));
        }

        var smiKinds = await ServedSmiKindsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var kind in smiKinds)
        {
            foreach (var item in await ListAsync(kind, ns, null, cancellationToken).ConfigureAwait(false))
            {
                if (terminating.Contains(NamespaceOf(item)))
                {
                    continue;
                }

                var loaded = ClusterObjects.Load(item, kind, LocationPrefix);
                diagnostics.AddRange(loaded.Diagnostics);
                foreach (var read in loaded.Objects)
                {
                    if (IsSkipped(read.Json))
                    {
                        diagnostics.Add(Diagnostic.Info(
                            SmiReasons.SkippedByAnnotation,
                            read.Ref,
                            $"metadata.annotations[{ControllerConventions.SkipAnnotation}]",
                            "the object is annotated to be left out of translation, as the controller leaves it out")
                            with { Location = read.Location });
                        continue;
                    }

                    objects.Add(read);
                }
            }
        }

        foreach (var kind in ContextKinds)
        {
            foreach (var item in await ListAsync(kind, ns, null, cancellationToken).ConfigureAwait(false))
            {
                if (terminating.Contains(NamespaceOf(item))
                    || (kind.Plural is "pods" or "replicasets" && HasControllerOwner(item)))
                {
                    // Its Deployment, StatefulSet, DaemonSet, ReplicaSet or Job stands for it, as in a repository's
                    // manifests.
                    continue;
                }

                Add(ClusterObjects.Load(item, kind, LocationPrefix), objects, diagnostics);
            }
        }

        return new ClusterInputs(new LoadResult(objects.ToImmutable(), diagnostics.ToImmutable()), smiKinds);
    }

    /// <summary>
    /// The SMI kinds the cluster serves, each in the newest version this library reads that the cluster serves for
    /// it (the server converts between versions, so one version shows every object once).
    /// </summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<IReadOnlyList<ResourceKind>> ServedSmiKindsAsync(CancellationToken cancellationToken)
    {
        var served = await _api.GetServedGroupVersionsAsync(cancellationToken).ConfigureAwait(false);
        var kinds = new List<ResourceKind>();
        foreach (var byKind in SmiVersions.All.GroupBy(v => (v.Group, v.Kind, v.Plural)))
        {
            var (group, kind, plural) = byKind.Key;
            if (!served.TryGetValue(group, out var groupVersions))
            {
                continue;
            }

            var crdVersions = await CrdServedVersionsAsync(group, plural, groupVersions, cancellationToken)
                .ConfigureAwait(false);
            var version = byKind
                .Where(v => crdVersions.Contains(v.Version))
                .OrderByDescending(v => v.Version, StringComparer.Ordinal)
                .FirstOrDefault();
            if (version is not null)
            {
                kinds.Add(new ResourceKind(group, version.Version, plural, kind));
            }
        }

        return kinds;
    }

    /// <summary>
    /// Of <paramref name="candidates"/>, the kinds the cluster serves: per group and kind the first one listed whose
    /// version is served, as the controller picks the output kinds it watches.
    /// </summary>
    /// <param name="candidates">The kinds, in order of preference.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<IReadOnlyList<ResourceKind>> ServedKindsAsync(
        IEnumerable<ResourceKind> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var served = await _api.GetServedGroupVersionsAsync(cancellationToken).ConfigureAwait(false);
        var kinds = new Dictionary<(string Group, string Kind), ResourceKind>();
        foreach (var kind in candidates)
        {
            if (!kinds.ContainsKey((kind.Group, kind.Kind))
                && served.TryGetValue(kind.Group, out var versions) && versions.Contains(kind.Version)
                && (await CrdServedVersionsAsync(kind.Group, kind.Plural, versions, cancellationToken)
                    .ConfigureAwait(false)).Contains(kind.Version))
            {
                kinds[(kind.Group, kind.Kind)] = kind;
            }
        }

        return [.. kinds.Values];
    }

    /// <summary>Every object of a kind, page by page, with apiVersion and kind set on each.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="ns">The namespace; null for all namespaces or a cluster-scoped kind.</param>
    /// <param name="labelSelector">A label selector, or null.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<IReadOnlyList<JsonElement>> ListAsync(
        ResourceKind kind, string? ns, string? labelSelector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var items = new List<JsonElement>();
        string? next = null;
        do
        {
            var scope = kind.Namespaced ? ns : null;
            var page = await _api.ListAsync(kind, scope, labelSelector, PageSize, next, cancellationToken)
                .ConfigureAwait(false);
            items.AddRange(page.Items.Select(i => WithKind(i, kind)));
            next = page.Continue;
        }
        while (next is not null);

        return items;
    }

    private async Task<IReadOnlySet<string>> CrdServedVersionsAsync(
        string group, string plural, IReadOnlySet<string> groupVersions, CancellationToken cancellationToken)
    {
        try
        {
            var crd = await _api.GetCrdVersionsAsync(group, plural, cancellationToken).ConfigureAwait(false);
            return crd?.Served ?? new HashSet<string>();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            // Without read access to CRDs, the group's versions from discovery are all there is.
            return groupVersions;
        }
    }

    private static void Add(
        LoadResult loaded, ImmutableArray<LoadedObject>.Builder objects, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        objects.AddRange(loaded.Objects);
        diagnostics.AddRange(loaded.Diagnostics);
    }

    private static JsonElement WithKind(JsonElement item, ResourceKind kind)
    {
        if (JsonNode.Parse(item.GetRawText()) is not JsonObject obj)
        {
            return item;
        }

        obj["apiVersion"] = kind.ApiVersion;
        obj["kind"] = kind.Kind;
        return JsonSerializer.SerializeToElement(obj);
    }

    private static bool IsSkipped(JsonObject obj) =>
        string.Equals(
            obj["metadata"]?["annotations"]?[ControllerConventions.SkipAnnotation]?.ToString(),
            "true",
            StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the object is being deleted: <c>metadata.deletionTimestamp</c> is set, or (for a Namespace) its phase
    /// is <c>Terminating</c>.
    /// </summary>
    private static bool IsTerminating(JsonElement obj) =>
        (obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("deletionTimestamp", out var deleted)
            && deleted.ValueKind == JsonValueKind.String)
        || (obj.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
            && status.TryGetProperty("phase", out var phase) && phase.ValueKind == JsonValueKind.String
            && phase.GetString() == "Terminating");

    private static string NamespaceOf(JsonElement obj) =>
        obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("namespace", out var ns) && ns.ValueKind == JsonValueKind.String
            ? ns.GetString() ?? string.Empty
            : string.Empty;

    private static bool HasControllerOwner(JsonElement pod) =>
        pod.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("ownerReferences", out var owners) && owners.ValueKind == JsonValueKind.Array
        && owners.EnumerateArray().Any(o => o.ValueKind == JsonValueKind.Object
            && o.TryGetProperty("controller", out var isController) && isController.ValueKind == JsonValueKind.True);
}
