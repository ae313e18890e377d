using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Smi.Testing.ApiServer.Merge;

namespace Smi.Testing.ApiServer;

/// <summary>create, update (PUT), patch (merge, JSON, strategic-as-merge), delete and deletecollection.</summary>
internal sealed partial class ApiRequestHandler
{
    private const string ApplyOperation = "Apply";
    private const string UpdateOperation = "Update";

    private async Task<int> CreateAsync(HttpContext context, ApiRoute route)
    {
        var body = ParseJsonObject(await ReadBodyAsync(context).ConfigureAwait(false));
        var manager = FieldManager(context);
        var dryRun = IsDryRun(context);
        JsonObject created;
        lock (store.Gate)
        {
            created = CreateLocked(route, body, manager, UpdateOperation, dryRun);
        }

        return await WriteJsonAsync(context, 201, created).ConfigureAwait(false);
    }

    private JsonObject CreateLocked(
        ApiRoute route,
        JsonObject body,
        string manager,
        string operation,
        bool dryRun,
        HashSet<string>? appliedFields = null)
    {
        var type = route.Type;
        CheckTypeMeta(type, body);
        var metadata = body["metadata"] as JsonObject ?? [];
        body["metadata"] = metadata;
        if (Text(metadata, "name") is null)
        {
            if (Text(metadata, "generateName") is { } prefix)
            {
                metadata["name"] = prefix + Guid.NewGuid().ToString("N")[..5];
            }
            else
            {
                throw new ApiErrorException(KubernetesStatus.Invalid(type.Group, type.Kind, string.Empty, [new FieldViolation("metadata.name", "Required value: name or generateName is required")]));
            }
        }

        var name = Text(metadata, "name")!;
        if (route.Name is not null && route.Name != name)
        {
            throw new ApiErrorException(KubernetesStatus.BadRequest($"the name of the object ({name}) does not match the name on the URL ({route.Name})"));
        }

        AssignNamespace(route, metadata);
        ValidateName(type, name);
        var key = new ObjectKey(type.StorageKey, route.Namespace ?? string.Empty, name);
        if (type.Namespaced && options.RequireNamespaces && store.Find(new ObjectKey("/namespaces", string.Empty, route.Namespace!)) is null)
        {
            throw new ApiErrorException(KubernetesStatus.NotFound(string.Empty, "namespaces", route.Namespace!));
        }

        if (type.Namespaced && store.NamespaceIsTerminating(route.Namespace!))
        {
            throw new ApiErrorException(
                KubernetesStatus.NamespaceTerminating(type.Group, type.Plural, name, route.Namespace!));
        }

        if (store.Find(key) is not null)
        {
            throw new ApiErrorException(KubernetesStatus.AlreadyExists(type.Group, type.Plural, name));
        }

        if (type.StorageKey == ObjectStore.NamespaceStorageKey)
        {
            StartNamespace(body);
        }

        if (type.HasStatus && type.Crd is not null)
        {
            body.Remove("status");
        }

        string[] serverOwned =
        [
            "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "managedFields", "generation", "selfLink",
        ];
        foreach (var server in serverOwned)
        {
            metadata.Remove(server);
        }

        metadata["uid"] = store.NewUid();
        metadata["creationTimestamp"] = store.Now();
        metadata["generation"] = 1L;
        ApplyStructuralSchema(type, body, null);

        // An apply owns the configuration's field set; an update everything the create added.
        var owned = appliedFields ?? TypedNew(() => StructuredMerge.Compare(
            BuiltInSchemas.Root(type), null, TrackedFields.Of(type, body, null)).Added);
        var crd = BeforeCrdWrite(type, body);
        Validate(type, body);
        Admit(route, "CREATE", body, null, dryRun);
        var stored = new StoredObject { Object = ToStorage(type, body) };
        var entry = new ManagedFieldsEntry(manager, operation, null)
        {
            ApiVersion = type.ApiVersion,
            Time = store.Now(),
            Fields = owned,
        };
        stored.Managers[entry.Id] = entry;
        if (dryRun)
        {
            return Render(type, body);
        }

        var snapshot = store.Commit(key, null, stored);
        AfterCrdWrite(crd);
        return Render(type, snapshot);
    }

    private async Task<int> ReplaceAsync(HttpContext context, ApiRoute route)
    {
        var body = ParseJsonObject(await ReadBodyAsync(context).ConfigureAwait(false));
        var manager = FieldManager(context);
        var dryRun = IsDryRun(context);
        CheckTypeMeta(route.Type, body);
        var metadata = body["metadata"] as JsonObject ?? throw new ApiErrorException(KubernetesStatus.BadRequest("metadata is required"));
        if (Text(metadata, "name") is { } bodyName && bodyName != route.Name)
        {
            throw new ApiErrorException(KubernetesStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({route.Name})"));
        }

        metadata["name"] = route.Name;
        AssignNamespace(route, metadata);
        (int Code, JsonObject Result) written;
        lock (store.Gate)
        {
            var current = InRequestVersion(route.Type, store.Find(route.Key) ?? throw NotFound(route));
            CheckResourceVersion(route, current, Text(metadata, "resourceVersion"));
            written = Persist(route, current, body, manager, dryRun);
        }

        return await WriteJsonAsync(context, written.Code, written.Result).ConfigureAwait(false);
    }

    private async Task<int> PatchAsync(HttpContext context, ApiRoute route)
    {
        var text = await ReadBodyAsync(context).ConfigureAwait(false);
        var contentType = (context.Request.ContentType ?? string.Empty).Split(';')[0].Trim();
        var manager = FieldManager(context);
        var dryRun = IsDryRun(context);
        if (contentType == "application/apply-patch+yaml")
        {
            return await ApplyAsync(context, route, text, dryRun).ConfigureAwait(false);
        }

        if (contentType is not ("application/merge-patch+json" or "application/json-patch+json" or "application/strategic-merge-patch+json")
            || (contentType == "application/strategic-merge-patch+json" && route.Type.Crd is not null))
        {
            throw new ApiErrorException(KubernetesStatus.UnsupportedMediaType(contentType));
        }

        var patch = JsonNode.Parse(text);
        (int Code, JsonObject Result) written;
        lock (store.Gate)
        {
            var current = InRequestVersion(route.Type, store.Find(route.Key) ?? throw NotFound(route));
            JsonObject patched;
            if (contentType == "application/json-patch+json")
            {
                patched = JsonPatches.JsonPatch(current.Object, patch as JsonArray ?? throw new ApiErrorException(KubernetesStatus.BadRequest("a JSON patch must be an array of operations")));
            }
            else
            {
                var requested = patch?["metadata"]?["resourceVersion"]?.GetValue<string>();
                CheckResourceVersion(route, current, requested);
                patched = JsonPatches.MergePatch(current.Object, patch) as JsonObject ?? throw new ApiErrorException(KubernetesStatus.BadRequest("a merge patch must be an object"));
            }

            var metadata = patched["metadata"] as JsonObject ?? [];
            patched["metadata"] = metadata;
            metadata["name"] = route.Name;
            if (route.Namespace is not null)
            {
                metadata["namespace"] = route.Namespace;
            }

            written = Persist(route, current, patched, manager, dryRun);
        }

        return await WriteJsonAsync(context, written.Code, written.Result).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a changed object from PUT or PATCH: keeps server-owned metadata, isolates status, skips no-op writes,
    /// and tracks the updater as structured-merge-diff's <c>merge.Updater.Update</c> does: what the write added or
    /// changed moves to the updater (an <c>Update</c> entry) from every other manager, and what it removed leaves all.
    /// </summary>
    private (int Code, JsonObject Result) Persist(
        ApiRoute route, StoredObject current, JsonObject incoming, string manager, bool dryRun)
    {
        var type = route.Type;
        var next = MergeServerFields(route, current.Object, incoming);
        var comparison = TypedNew(() => StructuredMerge.Compare(
            BuiltInSchemas.Root(type),
            TrackedFields.Of(type, current.Object, route.Subresource),
            TrackedFields.Of(type, next, route.Subresource)));
        var changed = new HashSet<string>(comparison.Added, StringComparer.Ordinal);
        changed.UnionWith(comparison.Modified);
        var managers = current.Managers.ToDictionary(p => p.Key, p => p.Value.Clone(), StringComparer.Ordinal);
        var entryKey = ManagedFieldsEntry.Key(manager, UpdateOperation, route.Subresource);
        foreach (var entry in managers.Values)
        {
            entry.Fields.ExceptWith(changed);
            entry.Fields.ExceptWith(comparison.Removed);
        }

        if (changed.Count > 0)
        {
            if (!managers.TryGetValue(entryKey, out var own))
            {
                own = new ManagedFieldsEntry(manager, UpdateOperation, route.Subresource);
                managers[entryKey] = own;
            }

            own.Fields.UnionWith(changed);
            own.ApiVersion = type.ApiVersion;
            own.Time = store.Now();
        }

        return Write(route, current, next, managers, dryRun);
    }

    /// <summary>
    /// Runs a typed operation on a created or updated object; one the schema cannot type is HTTP 500, as
    /// kube-apiserver's field manager answers (<c>failed to create typed new object</c>).
    /// </summary>
    private static T TypedNew<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (FormatException e)
        {
            throw new ApiErrorException(KubernetesStatus.UntypedInternalError(
                "failed to create typed new object: " + e.Message));
        }
    }

    /// <summary>Commits <paramref name="next"/> unless it equals the current object (then the current one is returned and nothing is written).</summary>
    private (int Code, JsonObject Result) Write(ApiRoute route, StoredObject current, JsonObject next, Dictionary<string, ManagedFieldsEntry> managers, bool dryRun)
    {
        var type = route.Type;
        ApplyStructuralSchema(type, next, current.Object);
        foreach (var empty in managers.Where(p => p.Value.Fields.Count == 0).Select(p => p.Key).ToList())
        {
            managers.Remove(empty);
        }

        var nextMetadata = (JsonObject)next["metadata"]!;
        var generation = current.Metadata["generation"] is JsonValue number && long.TryParse(number.ToJsonString(), out var parsed) ? parsed : 1;
        nextMetadata["generation"] = JsonNode.DeepEquals(SpecPart(type, current.Object), SpecPart(type, next)) ? generation : generation + 1;
        if (Unchanged(current, next, managers))
        {
            return (200, Render(type, current.Object));
        }

        var terminating = ObjectStore.IsTerminating(current);
        if (terminating)
        {
            CheckNoFinalizerAdded(route, current.Object, next);
        }

        var crd = BeforeCrdWrite(type, next);
        Validate(type, next);
        Admit(route, "UPDATE", next, current.Object, dryRun);
        var stored = new StoredObject { Object = ToStorage(type, next), Managers = managers };
        if (dryRun)
        {
            return (200, Render(type, next));
        }

        var snapshot = store.Commit(route.Key, current, stored);
        AfterCrdWrite(crd);
        if (terminating && !ObjectStore.HasFinalizers(stored) && type.StorageKey != ObjectStore.NamespaceStorageKey)
        {
            // The last finalizer is gone: the registry deletes the object right after this update
            // (Store.Update, shouldDeleteDuringUpdate), so a watch sees MODIFIED, then DELETED.
            snapshot = store.Commit(route.Key, stored, null);
        }

        return (200, Render(type, snapshot));
    }

    private static bool Unchanged(StoredObject current, JsonObject next, Dictionary<string, ManagedFieldsEntry> managers)
    {
        var a = (JsonObject)current.Object.DeepClone();
        var b = (JsonObject)next.DeepClone();
        foreach (var obj in new[] { a, b })
        {
            if (obj["metadata"] is JsonObject metadata)
            {
                metadata.Remove("resourceVersion");
                metadata.Remove("managedFields");
            }
        }

        return JsonNode.DeepEquals(a, b)
            && current.Managers.Count == managers.Count
            && current.Managers.All(p => managers.TryGetValue(p.Key, out var other) && other.Fields.SetEquals(p.Value.Fields));
    }

    /// <summary>The object after a main-resource or status write: server metadata from the current object, and status (or everything but status) isolated.</summary>
    private static JsonObject MergeServerFields(ApiRoute route, JsonObject current, JsonObject incoming)
    {
        JsonObject next;
        if (route.Subresource == "status")
        {
            next = (JsonObject)current.DeepClone();
            if (incoming["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
            else
            {
                next.Remove("status");
            }

            return next;
        }

        next = (JsonObject)incoming.DeepClone();
        next["apiVersion"] = current["apiVersion"]?.DeepClone();
        next["kind"] = current["kind"]?.DeepClone();
        if (route.Type.HasStatus)
        {
            if (current["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
            else
            {
                next.Remove("status");
            }
        }

        var metadata = next["metadata"] as JsonObject ?? [];
        next["metadata"] = metadata;
        var currentMetadata = (JsonObject)current["metadata"]!;
        string[] serverOwned =
        [
            "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion",
            "generation", "managedFields", "name", "namespace",
        ];
        foreach (var server in serverOwned)
        {
            if (currentMetadata[server] is { } value)
            {
                metadata[server] = value.DeepClone();
            }
            else
            {
                metadata.Remove(server);
            }
        }

        return next;
    }

    private static JsonObject SpecPart(ResourceType type, JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("metadata");
        copy.Remove("apiVersion");
        copy.Remove("kind");
        if (type.HasStatus)
        {
            copy.Remove("status");
        }

        return copy;
    }

    private async Task<int> DeleteAsync(HttpContext context, ApiRoute route)
    {
        var text = await ReadBodyAsync(context).ConfigureAwait(false);
        var deleteOptions = text.Trim().Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
        var policy = context.Request.Query["propagationPolicy"].ToString() is { Length: > 0 } fromQuery ? fromQuery : deleteOptions?["propagationPolicy"]?.GetValue<string>();
        var dryRun = IsDryRun(context) || deleteOptions?["dryRun"] is JsonArray { Count: > 0 };
        JsonObject result;
        lock (store.Gate)
        {
            var current = store.Find(route.Key) ?? throw NotFound(route);
            if (deleteOptions?["preconditions"] is JsonObject preconditions)
            {
                if (Text(preconditions, "uid") is { } uid && uid != current.Uid)
                {
                    throw new ApiErrorException(KubernetesStatus.Failure(409, "Conflict", $"Operation cannot be fulfilled on {route.Type.Plural} \"{route.Name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}"));
                }

                CheckResourceVersion(route, current, Text(preconditions, "resourceVersion"));
            }

            JsonObject snapshot;
            var removed = true;
            if (dryRun)
            {
                snapshot = (JsonObject)current.Object.DeepClone();
            }
            else
            {
                Admit(route, "DELETE", null, Render(route.Type, current.Object), dryRun: false);
                if (policy == "Orphan")
                {
                    collector.Orphan(current.Uid);
                }

                if (route.Type.StorageKey == ResourceRegistry.CrdGroup + "/customresourcedefinitions")
                {
                    RemoveCustomResources(route.Name!);
                }

                (snapshot, removed) = store.Delete(route.Key, current);
            }

            // Marked for deletion (finalizers pending), the answer is the object as stored.
            result = route.Type.ReturnDeletedObject || !removed
                ? Render(route.Type, snapshot)
                : KubernetesStatus.Success(new JsonObject { ["name"] = route.Name, ["group"] = route.Type.Group, ["kind"] = route.Type.Plural, ["uid"] = current.Uid });
        }

        return await WriteJsonAsync(context, 200, result).ConfigureAwait(false);
    }

    private JsonObject DeleteCollection(ApiRoute route, IQueryCollection query)
    {
        var labels = LabelSelection.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        lock (store.Gate)
        {
            var doomed = store.InStorage(route.Type.StorageKey, route.Namespace).Where(p => labels.Matches(p.Value.Object) && fields.Matches(p.Value.Object)).ToList();
            foreach (var (key, stored) in doomed)
            {
                if (route.Type.StorageKey == ResourceRegistry.CrdGroup + "/customresourcedefinitions")
                {
                    RemoveCustomResources(key.Name);
                }

                store.Delete(key, stored);
            }
        }

        return KubernetesStatus.Success();
    }

    /// <summary>
    /// Once an object is being deleted its finalizers may only be removed
    /// (<c>k8s.io/apiserver/pkg/registry/rest/update.go</c>, BeforeUpdate): 403 Forbidden otherwise.
    /// </summary>
    private static void CheckNoFinalizerAdded(ApiRoute route, JsonObject current, JsonObject next)
    {
        var before = Finalizers(current);
        var added = Finalizers(next).Where(f => !before.Contains(f)).Order(StringComparer.Ordinal).ToList();
        if (added.Count > 0)
        {
            var list = string.Join(" ", added.Select(f => $"\"{f}\""));
            throw new ApiErrorException(KubernetesStatus.Forbidden(
                route.Type.Group,
                route.Type.Plural,
                route.Name!,
                "no new finalizers can be added if the object is being deleted, "
                    + $"found new finalizers []string{{{list}}}"));
        }
    }

    private static HashSet<string> Finalizers(JsonObject obj) =>
        (obj["metadata"]?["finalizers"] as JsonArray ?? [])
            .Select(f => f?.GetValue<string>() ?? string.Empty)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>A new namespace is Active, with the <c>kubernetes</c> finalizer of the namespace controller.</summary>
    private static void StartNamespace(JsonObject body)
    {
        var spec = body["spec"] as JsonObject ?? [];
        spec["finalizers"] ??= new JsonArray("kubernetes");
        body["spec"] = spec;
        body["status"] = new JsonObject { ["phase"] = "Active" };
    }

    private static void CheckTypeMeta(ResourceType type, JsonObject body)
    {
        if (Text(body, "apiVersion") is { } apiVersion && apiVersion != type.ApiVersion)
        {
            throw new ApiErrorException(KubernetesStatus.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})"));
        }

        if (Text(body, "kind") is { } kind && kind != type.Kind)
        {
            throw new ApiErrorException(KubernetesStatus.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})"));
        }

        var ordered = new JsonObject { ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            if (key is not ("apiVersion" or "kind"))
            {
                ordered[key] = value;
            }
        }

        foreach (var (key, value) in ordered.ToList())
        {
            ordered.Remove(key);
            body[key] = value;
        }
    }

    private static void AssignNamespace(ApiRoute route, JsonObject metadata)
    {
        if (!route.Type.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }

        if (Text(metadata, "namespace") is { } ns && ns != route.Namespace)
        {
            throw new ApiErrorException(KubernetesStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request"));
        }

        metadata["namespace"] = route.Namespace;
    }

    private static void ValidateName(ResourceType type, string name)
    {
        if (type.Group == Auth.RbacAuthorizer.Group)
        {
            ValidatePathSegmentName(type, name);
            return;
        }

        var isLabel = type.StorageKey == "/namespaces";
        var valid = isLabel ? name.Length <= 63 && DnsLabel().IsMatch(name) : name.Length <= 253 && DnsSubdomain().IsMatch(name);
        if (!valid)
        {
            var rule = isLabel ? "a lowercase RFC 1123 label" : "a lowercase RFC 1123 subdomain";
            throw new ApiErrorException(KubernetesStatus.Invalid(type.Group, type.Kind, name, [new FieldViolation("metadata.name", $"\"{name}\": must be {rule}")]));
        }
    }

    private void Validate(ResourceType type, JsonObject obj)
    {
        if (type.Crd is null)
        {
            return;
        }

        var violations = Validator.Validate(type.Crd, type.Version, obj);
        if (violations.Count > 0)
        {
            throw new ApiErrorException(KubernetesStatus.Invalid(type.Group, type.Kind, Text((JsonObject)obj["metadata"]!, "name") ?? string.Empty, violations));
        }
    }

    /// <summary>For a CRD object: parses it (422 when it cannot be served) and fills its status as an established CRD.</summary>
    private static CrdDefinition? BeforeCrdWrite(ResourceType type, JsonObject obj)
    {
        if (type.StorageKey != ResourceRegistry.CrdGroup + "/customresourcedefinitions")
        {
            return null;
        }

        CrdDefinition crd;
        try
        {
            crd = CrdDefinition.Parse(obj);
        }
        catch (FormatException e)
        {
            throw new ApiErrorException(KubernetesStatus.Invalid(type.Group, type.Kind, Text((JsonObject)obj["metadata"]!, "name") ?? string.Empty, [new FieldViolation("spec", e.Message)]));
        }

        if (crd.Name != $"{crd.Plural}.{crd.Group}")
        {
            throw new ApiErrorException(KubernetesStatus.Invalid(type.Group, type.Kind, crd.Name, [new FieldViolation("metadata.name", $"must be spec.names.plural+\".\"+spec.group")]));
        }

        obj["status"] = new JsonObject
        {
            ["acceptedNames"] = obj["spec"]!["names"]!.DeepClone(),
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "NamesAccepted", ["status"] = "True", ["reason"] = "NoConflicts", ["message"] = "no conflicts found" },
                new JsonObject { ["type"] = "Established", ["status"] = "True", ["reason"] = "InitialNamesAccepted", ["message"] = "the initial names have been accepted" }),
            ["storedVersions"] = new JsonArray([.. crd.Versions.Where(v => v.Storage).Select(v => (JsonNode)v.Name)]),
        };
        return crd;
    }

    private void AfterCrdWrite(CrdDefinition? crd)
    {
        if (crd is not null)
        {
            registry.Install(crd with { Source = (JsonObject)crd.Source.DeepClone() });
        }
    }

    private static void CheckResourceVersion(ApiRoute route, StoredObject current, string? requested)
    {
        if (!string.IsNullOrEmpty(requested) && requested != Text(current.Metadata, "resourceVersion"))
        {
            throw new ApiErrorException(KubernetesStatus.Conflict(route.Type.Group, route.Type.Plural, route.Name!));
        }
    }

    private static JsonObject ParseJsonObject(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw new ApiErrorException(KubernetesStatus.BadRequest("the request body must be a JSON object"));

    private static string FieldManager(HttpContext context)
    {
        if (context.Request.Query["fieldManager"].ToString() is { Length: > 0 } manager)
        {
            return manager;
        }

        var agent = context.Request.Headers.UserAgent.ToString();
        var product = agent.Split('/', ' ')[0];
        return product.Length > 0 ? product : "unknown";
    }

    private static bool IsDryRun(HttpContext context) => context.Request.Query["dryRun"].ToString() == "All";

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
