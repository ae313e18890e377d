using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Smi.Testing.ApiServer.Merge;

namespace Smi.Testing.ApiServer;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>,
/// https://kubernetes.io/docs/reference/using-api/server-side-apply/): creates when absent; otherwise merges the
/// configuration by the schema's list and map types, removes what the manager applied before and no longer sends
/// (unless another manager owns it), and refuses with 409 to change a field another manager owns unless
/// <c>force=true</c>, which takes ownership.
/// </summary>
internal sealed partial class ApiRequestHandler
{
    private async Task<int> ApplyAsync(HttpContext context, ApiRoute route, string text, bool dryRun)
    {
        var type = route.Type;
        var manager = context.Request.Query["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            throw new ApiErrorException(KubernetesStatus.BadRequest("fieldManager is required for apply requests"));
        }

        var force = IsTrue(context.Request.Query["force"]);
        var applied = YamlJson.ParseObject(text) ?? throw new ApiErrorException(KubernetesStatus.BadRequest("the apply configuration must be one YAML or JSON object"));
        if (Text(applied, "apiVersion") is null || Text(applied, "kind") is null)
        {
            throw new ApiErrorException(KubernetesStatus.BadRequest("apiVersion and kind must be set in an apply configuration"));
        }

        CheckTypeMeta(type, applied);
        RemoveNulls(applied);
        var metadata = applied["metadata"] as JsonObject ?? [];
        applied["metadata"] = metadata;
        if (metadata.ContainsKey("managedFields"))
        {
            throw new ApiErrorException(KubernetesStatus.BadRequest("metadata.managedFields must be nil"));
        }

        if (Text(metadata, "name") is { } name && name != route.Name)
        {
            throw new ApiErrorException(KubernetesStatus.BadRequest(
                $"the name of the object ({name}) does not match the name on the URL ({route.Name})"));
        }

        metadata["name"] = route.Name;
        AssignNamespace(route, metadata);
        CheckDeclared(route, applied);
        var appliedFields = TypedPatch(route, () =>
            StructuredMerge.ToFieldSet(BuiltInSchemas.Root(type), TrackedFields.Of(type, applied, route.Subresource)));
        (int Code, JsonObject Result) written;
        lock (store.Gate)
        {
            var current = store.Find(route.Key) is { } found ? InRequestVersion(type, found) : null;
            if (current is null)
            {
                if (route.Subresource is not null)
                {
                    throw NotFound(route);
                }

                written = (201, CreateLocked(route, applied, manager, ApplyOperation, dryRun, appliedFields));
            }
            else
            {
                CheckResourceVersion(route, current, Text(metadata, "resourceVersion"));
                written = ApplyLocked(route, current, applied, appliedFields, manager, force, dryRun);
            }
        }

        return await WriteJsonAsync(context, written.Code, written.Result).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies to an existing object as structured-merge-diff's <c>merge.Updater.Apply</c> does
    /// (<c>sigs.k8s.io/structured-merge-diff/merge/update.go</c>): the configuration is merged into the live object
    /// by list and map type; the manager's set becomes the configuration's field set; what the manager applied last
    /// time and no longer applies is removed unless another manager owns it (<c>prune</c>); a value another manager
    /// owns that the result adds or changes is a conflict, 409 unless forced, and forcing takes it from that manager;
    /// fields that went away leave every other manager's set.
    /// </summary>
    private (int Code, JsonObject Result) ApplyLocked(
        ApiRoute route,
        StoredObject current,
        JsonObject applied,
        HashSet<string> appliedFields,
        string manager,
        bool force,
        bool dryRun)
    {
        var type = route.Type;
        var root = BuiltInSchemas.Root(type);
        var managers = current.Managers.ToDictionary(p => p.Key, p => p.Value.Clone(), StringComparer.Ordinal);
        var entryKey = ManagedFieldsEntry.Key(manager, ApplyOperation, route.Subresource);
        var last = managers.TryGetValue(entryKey, out var own) ? own.Fields : [];
        if (own is null)
        {
            own = new ManagedFieldsEntry(manager, ApplyOperation, route.Subresource);
            managers[entryKey] = own;
        }

        var changedSet = !own.Fields.SetEquals(appliedFields) || own.ApiVersion != type.ApiVersion;
        own.Fields = appliedFields;
        own.ApiVersion = type.ApiVersion;
        var (next, comparison) = TypedPatch(route, () =>
        {
            var merged = StructuredMerge.Merge(root, current.Object, applied);
            if (last.Count > 0)
            {
                var managed = StructuredMerge.WithNamedFieldAncestors(root, managers.Values.SelectMany(e => e.Fields));
                var dropped = StructuredMerge.WithNamedFieldAncestors(root, last);
                dropped.ExceptWith(managed);
                dropped.Remove(PathElements.Field("metadata"));
                merged = StructuredMerge.RemoveItems(root, merged, dropped);
            }

            var result = MergeServerFields(route, current.Object, merged);
            var before = TrackedFields.Of(type, current.Object, route.Subresource);
            return (result, StructuredMerge.Compare(root, before, TrackedFields.Of(type, result, route.Subresource)));
        });
        var changed = new HashSet<string>(comparison.Added, StringComparer.Ordinal);
        changed.UnionWith(comparison.Modified);
        var conflicts = new List<(ManagedFieldsEntry Entry, string Field)>();
        var others = managers.Values.Where(e => e.Id != entryKey).OrderBy(e => e.Manager, StringComparer.Ordinal);
        foreach (var entry in others)
        {
            var owned = entry.Fields.Where(changed.Contains).Order(StringComparer.Ordinal);
            conflicts.AddRange(owned.Select(f => (entry, f)));
        }

        if (conflicts.Count > 0 && !force)
        {
            var described = conflicts.Select(c => (Describe(c.Entry), PathElements.Display(c.Field))).ToList();
            throw new ApiErrorException(
                KubernetesStatus.ApplyConflict(type.Group, type.Plural, route.Name!, described));
        }

        foreach (var entry in managers.Values.Where(e => e.Id != entryKey))
        {
            entry.Fields.ExceptWith(changed);
            entry.Fields.ExceptWith(comparison.Removed);
        }

        if (changedSet || !JsonNode.DeepEquals(next, current.Object))
        {
            own.Time = store.Now();
        }

        return Write(route, current, next, managers, dryRun);
    }

    /// <summary>
    /// A manager as kube-apiserver names it in a conflict (<c>managedfields/internal/conflict.go</c>, printManager):
    /// <c>"name"</c> for an applier, <c>"name" using v1</c> for an updater.
    /// </summary>
    private static string Describe(ManagedFieldsEntry entry) =>
        entry.Operation == UpdateOperation ? $"\"{entry.Manager}\" using {entry.ApiVersion}" : $"\"{entry.Manager}\"";

    /// <summary>
    /// Runs a typed operation on an apply configuration; an object the schema cannot type (a <c>map</c> list item
    /// without a key field that has no default) is HTTP 500 with kube-apiserver's typed-patch message.
    /// </summary>
    private static T TypedPatch<T>(ApiRoute route, Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (FormatException e)
        {
            throw new ApiErrorException(KubernetesStatus.UntypedInternalError(TypedPatchMessage(route, e.Message)));
        }
    }

    private static string TypedPatchMessage(ApiRoute route, string detail)
    {
        var type = route.Type;
        var name = route.Namespace is null ? route.Name : route.Namespace + "/" + route.Name;
        var gvk = $"{type.Group}/{type.Version}, Kind={type.Kind}";
        return $"failed to create typed patch object ({name}; {gvk}): {detail}";
    }

    /// <summary>
    /// Refuses an apply configuration with a field the CRD version's schema does not declare as kube-apiserver does:
    /// HTTP 500 with the typed-patch error of
    /// <c>k8s.io/apimachinery/pkg/util/managedfields/internal/structuredmerge.go</c>
    /// (kubernetes/kubernetes#122480, #139253).
    /// </summary>
    private static void CheckDeclared(ApiRoute route, JsonObject applied)
    {
        var type = route.Type;
        if (type.Crd?.Versions.FirstOrDefault(v => v.Name == type.Version)?.Schema is not { } schema)
        {
            return;
        }

        var undeclared = UndeclaredFields.Find(schema, applied);
        if (undeclared.Count == 0)
        {
            return;
        }

        var errors = undeclared.Select(p => p + ": field not declared in schema").ToList();
        var detail = errors.Count == 1 ? errors[0] : "errors:\n  " + string.Join("\n  ", errors);
        throw new ApiErrorException(KubernetesStatus.UntypedInternalError(TypedPatchMessage(route, detail)));
    }

    private static void RemoveNulls(JsonObject obj)
    {
        foreach (var (key, value) in obj.ToList())
        {
            if (value is null)
            {
                obj.Remove(key);
            }
            else if (value is JsonObject child)
            {
                RemoveNulls(child);
            }
        }
    }
}
