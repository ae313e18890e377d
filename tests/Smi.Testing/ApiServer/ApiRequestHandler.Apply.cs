using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Smi.Testing.ApiServer;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>): creates when absent; otherwise sets the applied fields,
/// removes fields the manager applied before and no longer sends (unless another manager owns them), and refuses with
/// 409 to change a field another manager owns unless <c>force=true</c>, which takes ownership.
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
            throw new ApiErrorException(KubernetesStatus.BadRequest($"the name of the object ({name}) does not match the name on the URL ({route.Name})"));
        }

        metadata["name"] = route.Name;
        AssignNamespace(route, metadata);
        CheckDeclared(route, applied);
        var appliedFields = Scope(type, FieldPaths.Leaves(applied), route.Subresource);
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

                written = (201, CreateLocked(route, applied, manager, ApplyOperation, dryRun));
            }
            else
            {
                CheckResourceVersion(route, current, Text(metadata, "resourceVersion"));
                written = ApplyLocked(route, current, applied, appliedFields, manager, force, dryRun);
            }
        }

        return await WriteJsonAsync(context, written.Code, written.Result).ConfigureAwait(false);
    }

    private (int Code, JsonObject Result) ApplyLocked(ApiRoute route, StoredObject current, JsonObject applied, HashSet<string> appliedFields, string manager, bool force, bool dryRun)
    {
        var managers = current.Managers.ToDictionary(p => p.Key, p => p.Value.Clone(), StringComparer.Ordinal);
        var conflicts = new List<(string Manager, string Field)>();
        var conflicting = new List<(ManagedFieldsEntry Entry, string Field)>();
        foreach (var path in appliedFields.Order(StringComparer.Ordinal))
        {
            if (JsonNode.DeepEquals(FieldPaths.Get(current.Object, path), FieldPaths.Get(applied, path)))
            {
                continue;
            }

            foreach (var entry in managers.Values.Where(e => e.Manager != manager))
            {
                foreach (var owned in entry.Fields.Where(f => FieldPaths.Overlaps(f, path)))
                {
                    conflicts.Add((entry.Manager, FieldPaths.Display(owned)));
                    conflicting.Add((entry, owned));
                }
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            throw new ApiErrorException(KubernetesStatus.ApplyConflict(route.Type.Group, route.Type.Plural, route.Name!, conflicts));
        }

        foreach (var (entry, field) in conflicting)
        {
            entry.Fields.Remove(field);
        }

        var entryKey = ManagedFieldsEntry.Key(manager, ApplyOperation, route.Subresource);
        var previous = managers.TryGetValue(entryKey, out var own) ? own.Fields : [];
        var next = (JsonObject)current.Object.DeepClone();
        foreach (var dropped in previous.Where(p => !appliedFields.Contains(p)).Order(StringComparer.Ordinal))
        {
            var ownedElsewhere = managers.Values.Any(e => e.Id != entryKey && e.Fields.Any(f => FieldPaths.Overlaps(f, dropped)));
            if (!ownedElsewhere)
            {
                FieldPaths.Remove(next, dropped);
            }
        }

        foreach (var path in appliedFields)
        {
            FieldPaths.Set(next, path, FieldPaths.Get(applied, path));
        }

        if (own is null)
        {
            own = new ManagedFieldsEntry(manager, ApplyOperation, route.Subresource);
            managers[entryKey] = own;
        }

        if (!own.Fields.SetEquals(appliedFields) || own.ApiVersion != route.Type.ApiVersion)
        {
            own.Fields = new HashSet<string>(appliedFields, StringComparer.Ordinal);
            own.ApiVersion = route.Type.ApiVersion;
            own.Time = store.Now();
        }

        if (!JsonNode.DeepEquals(next, current.Object))
        {
            own.Time = store.Now();
        }

        return Write(route, current, next, managers, dryRun);
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
        var name = route.Namespace is null ? route.Name : route.Namespace + "/" + route.Name;
        var gvk = $"{type.Group}/{type.Version}, Kind={type.Kind}";
        var message = $"failed to create typed patch object ({name}; {gvk}): {detail}";
        throw new ApiErrorException(KubernetesStatus.UntypedInternalError(message));
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
