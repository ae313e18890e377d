using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>
/// Server-side apply by the schema's list and map types, as kube-apiserver does it with structured-merge-diff
/// (https://kubernetes.io/docs/reference/using-api/server-side-apply/, "Merge strategy" and "Field management";
/// <c>sigs.k8s.io/structured-merge-diff/merge/update.go</c> and the <c>merge/*_test.go</c> cases named below).
/// </summary>
public sealed class ListTypeApplyTests
{
    private const string GizmoCrdYaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gizmos.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Gizmo, plural: gizmos, singular: gizmo}
          versions:
            - name: v1
              served: true
              storage: true
              subresources: {status: {}}
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      properties:
                        hosts: {type: array, items: {type: string}}
                        tags: {type: array, x-kubernetes-list-type: set, items: {type: string}}
                        ports:
                          type: array
                          x-kubernetes-list-type: map
                          x-kubernetes-list-map-keys: [name]
                          items:
                            type: object
                            required: [name]
                            properties:
                              name: {type: string}
                              port: {type: integer}
                        selector:
                          type: object
                          x-kubernetes-map-type: atomic
                          additionalProperties: {type: string}
                        options:
                          type: object
                          additionalProperties: {type: string}
                    status:
                      type: object
                      properties:
                        conditions:
                          type: array
                          x-kubernetes-list-type: map
                          x-kubernetes-list-map-keys: [type]
                          items:
                            type: object
                            required: [type, status]
                            properties:
                              type: {type: string}
                              status: {type: string}
                              reason: {type: string}
        """;

    private static async Task<LoopbackApiServer> StartAsync()
    {
        var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(
            KubernetesYaml.Deserialize<V1CustomResourceDefinition>(GizmoCrdYaml));
        return server;
    }

    private static JsonObject Gizmo(JsonObject? spec = null, JsonObject? status = null)
    {
        var gizmo = new JsonObject
        {
            ["apiVersion"] = "example.com/v1",
            ["kind"] = "Gizmo",
            ["metadata"] = new JsonObject { ["name"] = "g1", ["namespace"] = "default" },
        };
        if (spec is not null)
        {
            gizmo["spec"] = spec;
        }

        if (status is not null)
        {
            gizmo["status"] = status;
        }

        return gizmo;
    }

    private static JsonObject Condition(string type, string status, string? reason = null)
    {
        var condition = new JsonObject { ["type"] = type, ["status"] = status };
        if (reason is not null)
        {
            condition["reason"] = reason;
        }

        return condition;
    }

    private static JsonObject Port(string name, int port) => new() { ["name"] = name, ["port"] = port };

    private static async Task<JsonObject> ApplyAsync(
        IKubernetes client, JsonObject gizmo, string manager, bool status = false, bool? force = null)
    {
        var patch = new V1Patch(gizmo, V1Patch.PatchType.ApplyPatch);
        var result = status
            ? await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                patch, "example.com", "v1", "default", "gizmos", "g1", fieldManager: manager, force: force)
            : await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                patch, "example.com", "v1", "default", "gizmos", "g1", fieldManager: manager, force: force);
        return TestCrds.Node(result);
    }

    private static async Task<V1Status> ConflictAsync(Func<Task> apply)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(apply);
        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        return KubernetesJson.Deserialize<V1Status>(error.Response.Content);
    }

    private static JsonObject FieldsOf(JsonObject obj, string manager, string? subresource = null) =>
        obj["metadata"]!["managedFields"]!.AsArray()
            .Single(e => (string?)e!["manager"] == manager && (string?)e["subresource"] == subresource)!["fieldsV1"]!
            .AsObject();

    private static string Names(JsonNode? list, string key) =>
        string.Join(",", list!.AsArray().Select(i => (string?)i![key]));

    /// <summary>
    /// Two managers each apply their own status condition: items of a <c>map</c> list keyed by <c>type</c> merge, and
    /// each manager owns its item by key (<c>k:{"type":"Ready"}</c> with <c>.</c>, as in kube-apiserver's
    /// managedFields; <c>merge/multiple_appliers_test.go</c>, TestMultipleAppliersSet with an associative list).
    /// </summary>
    [Fact]
    public async Task Conditions_Of_Two_Managers_Merge_By_Type_And_Each_Owns_Its_Item()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        await ApplyAsync(client, Gizmo(new JsonObject { ["hosts"] = new JsonArray("a") }), "spec-owner");

        await ApplyAsync(
            client, Gizmo(status: new JsonObject { ["conditions"] = new JsonArray(Condition("Ready", "True")) }),
            "controller", status: true);
        var both = await ApplyAsync(
            client, Gizmo(status: new JsonObject { ["conditions"] = new JsonArray(Condition("Synced", "False")) }),
            "syncer", status: true);

        Assert.Equal("Ready,Synced", Names(both["status"]!["conditions"], "type"));
        var ready = FieldsOf(both, "controller", "status")["f:status"]!["f:conditions"]!["k:{\"type\":\"Ready\"}"]!;
        Assert.Equal(
            """{".":{},"f:status":{},"f:type":{}}""",
            ready.ToJsonString());
        var synced = FieldsOf(both, "syncer", "status")["f:status"]!["f:conditions"]!.AsObject();
        Assert.Equal(["k:{\"type\":\"Synced\"}"], synced.Select(p => p.Key));
    }

    /// <summary>
    /// Applying without an item the manager applied before removes that item, and only that one: items other managers
    /// own stay; an item both managers applied stays while one of them still applies it
    /// (https://kubernetes.io/docs/reference/using-api/server-side-apply/, "Field management": a field is removed
    /// when no other field manager owns it; <c>merge/update.go</c>, prune and addBackOwnedItems).
    /// </summary>
    [Fact]
    public async Task Dropping_An_Item_Removes_It_Unless_Another_Manager_Owns_It()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        await ApplyAsync(client, Gizmo(new JsonObject { ["ports"] = new JsonArray(Port("http", 80)) }), "spec-owner");
        await ApplyAsync(
            client,
            Gizmo(status: new JsonObject
            {
                ["conditions"] = new JsonArray(Condition("Ready", "True"), Condition("Shared", "True")),
            }),
            "controller",
            status: true);
        await ApplyAsync(
            client,
            Gizmo(status: new JsonObject
            {
                ["conditions"] = new JsonArray(Condition("Synced", "False"), Condition("Shared", "True")),
            }),
            "syncer",
            status: true);

        var after = await ApplyAsync(
            client, Gizmo(status: new JsonObject { ["conditions"] = new JsonArray() }), "controller", status: true);

        Assert.Equal("Shared,Synced", string.Join(",", after["status"]!["conditions"]!.AsArray()
            .Select(c => (string?)c!["type"]).Order(StringComparer.Ordinal)));
        Assert.DoesNotContain(
            after["metadata"]!["managedFields"]!.AsArray(), e => (string?)e!["manager"] == "controller");

        // The same for spec: a port the manager stops applying goes; the rest of spec stays as applied.
        var spec = await ApplyAsync(
            client,
            Gizmo(new JsonObject { ["ports"] = new JsonArray(Port("grpc", 90)), ["hosts"] = new JsonArray("x") }),
            "spec-owner");
        Assert.Equal("grpc", Names(spec["spec"]!["ports"], "name"));
        Assert.Equal("Synced,Shared", Names(spec["status"]!["conditions"], "type"));
    }

    /// <summary>
    /// A <c>set</c> list merges per value, each manager owning its values (<c>v:"a"</c>); an <c>atomic</c> list (the
    /// default for CRDs) is one field: a different list from another manager conflicts at the list, and forcing
    /// replaces it whole (https://kubernetes.io/docs/reference/using-api/server-side-apply/, "Merge strategy";
    /// <c>merge/set_test.go</c> and <c>merge/leaf_test.go</c>).
    /// </summary>
    [Fact]
    public async Task Set_Lists_Merge_Per_Value_And_Atomic_Lists_Conflict_Whole()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        await ApplyAsync(
            client,
            Gizmo(new JsonObject { ["tags"] = new JsonArray("a", "b"), ["hosts"] = new JsonArray("one") }),
            "first");

        var merged = await ApplyAsync(client, Gizmo(new JsonObject { ["tags"] = new JsonArray("b", "c") }), "second");
        Assert.Equal("a,b,c", string.Join(",", merged["spec"]!["tags"]!.AsArray().Select(t => (string?)t)));
        Assert.Equal(
            ["v:\"b\"", "v:\"c\""], FieldsOf(merged, "second")["f:spec"]!["f:tags"]!.AsObject().Select(p => p.Key));

        var hosts = Gizmo(new JsonObject { ["hosts"] = new JsonArray("one", "two") });
        var status = await ConflictAsync(() => ApplyAsync(client, hosts, "second"));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"first\": .spec.hosts", status.Message);
        Assert.Equal(".spec.hosts", Assert.Single(status.Details.Causes).Field);

        var forced = await ApplyAsync(client, hosts, "second", force: true);
        Assert.Equal("one,two", string.Join(",", forced["spec"]!["hosts"]!.AsArray().Select(h => (string?)h)));
        Assert.Null(FieldsOf(forced, "first")["f:spec"]!["f:hosts"]);
    }

    /// <summary>
    /// A granular map (<c>additionalProperties</c>, and <c>metadata.labels</c>) merges per key; an
    /// <c>x-kubernetes-map-type: atomic</c> map is one field (https://kubernetes.io/docs/reference/using-api/
    /// server-side-apply/, "Merge strategy"; <c>merge/multiple_appliers_test.go</c>).
    /// </summary>
    [Fact]
    public async Task Granular_Maps_Merge_Per_Key_And_Atomic_Maps_Conflict_Whole()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        var first = Gizmo(new JsonObject
        {
            ["options"] = new JsonObject { ["a"] = "1" },
            ["selector"] = new JsonObject { ["app"] = "web" },
        });
        first["metadata"]!["labels"] = new JsonObject { ["team"] = "one" };
        await ApplyAsync(client, first, "first");

        var second = Gizmo(new JsonObject { ["options"] = new JsonObject { ["b"] = "2" } });
        second["metadata"]!["labels"] = new JsonObject { ["tier"] = "two" };
        var merged = await ApplyAsync(client, second, "second");
        Assert.Equal("""{"a":"1","b":"2"}""", merged["spec"]!["options"]!.ToJsonString());
        Assert.Equal("""{"team":"one","tier":"two"}""", merged["metadata"]!["labels"]!.ToJsonString());

        var selector = Gizmo(new JsonObject { ["selector"] = new JsonObject { ["app"] = "web", ["v"] = "2" } });
        var status = await ConflictAsync(() => ApplyAsync(client, selector, "second"));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"first\": .spec.selector", status.Message);
    }

    /// <summary>
    /// Several conflicts are listed per manager, managers sorted, as kube-apiserver words them
    /// (<c>k8s.io/apimachinery/pkg/util/managedfields/internal/conflict.go</c>, getConflictMessage); an update's
    /// manager is named with its API version.
    /// </summary>
    [Fact]
    public async Task Several_Conflicts_Are_Listed_Per_Manager_With_Update_Managers_Named_By_Version()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        await ApplyAsync(
            client,
            Gizmo(new JsonObject
            {
                ["ports"] = new JsonArray(Port("http", 80), Port("grpc", 90)),
                ["hosts"] = new JsonArray("a"),
            }),
            "first");
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"hosts":["b"]}}""", V1Patch.PatchType.MergePatch),
            "example.com",
            "v1",
            "default",
            "gizmos",
            "g1",
            fieldManager: "editor");

        var status = await ConflictAsync(() => ApplyAsync(
            client,
            Gizmo(new JsonObject
            {
                ["ports"] = new JsonArray(Port("http", 81), Port("grpc", 91)),
                ["hosts"] = new JsonArray("c"),
            }),
            "second"));

        Assert.Equal(
            "Apply failed with 3 conflicts: conflicts with \"editor\" using example.com/v1:\n- .spec.hosts\n"
                + "conflicts with \"first\":\n- .spec.ports[name=\"grpc\"].port\n- .spec.ports[name=\"http\"].port",
            status.Message);
        Assert.Equal(3, status.Details.Causes.Count);
        Assert.Equal("conflict with \"editor\" using example.com/v1", status.Details.Causes[0].Message);
    }

    /// <summary>
    /// Forcing takes only the conflicting fields: the other manager keeps the rest of the item and its other items
    /// (https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts, "Overwrite value, become sole
    /// manager").
    /// </summary>
    [Fact]
    public async Task Force_Transfers_Only_The_Conflicting_Fields()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        await ApplyAsync(
            client, Gizmo(new JsonObject { ["ports"] = new JsonArray(Port("http", 80), Port("grpc", 90)) }), "first");

        var forced = await ApplyAsync(
            client, Gizmo(new JsonObject { ["ports"] = new JsonArray(Port("http", 81)) }), "second", force: true);

        Assert.Equal("81,90", string.Join(",", forced["spec"]!["ports"]!.AsArray().Select(p => (int?)p!["port"])));
        var firstPorts = FieldsOf(forced, "first")["f:spec"]!["f:ports"]!;
        Assert.Equal("""{".":{},"f:name":{}}""", firstPorts["k:{\"name\":\"http\"}"]!.ToJsonString());
        Assert.Equal("""{".":{},"f:name":{},"f:port":{}}""", firstPorts["k:{\"name\":\"grpc\"}"]!.ToJsonString());
        var secondPorts = FieldsOf(forced, "second")["f:spec"]!["f:ports"]!;
        Assert.Equal("""{".":{},"f:name":{},"f:port":{}}""", secondPorts["k:{\"name\":\"http\"}"]!.ToJsonString());
    }

    /// <summary>
    /// A merge patch of <c>/status</c> is an <c>Update</c> manager of the subresource: it takes the condition fields
    /// it changes and the items it adds from the applier, so the applier's next change to them conflicts with it; a
    /// field the applier shares with the creator (same value, no conflict) stays when the applier stops applying it
    /// (https://kubernetes.io/docs/reference/using-api/server-side-apply/, "Field management" and "Conflicts";
    /// <c>merge/update.go</c>, Update and addBackOwnedItems).
    /// </summary>
    [Fact]
    public async Task Status_Patches_Take_Condition_Fields_And_Shared_Fields_Outlive_One_Manager()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            Gizmo(new JsonObject { ["options"] = new JsonObject { ["a"] = "1" } }),
            "example.com",
            "v1",
            "default",
            "gizmos",
            fieldManager: "creator");
        var both = new JsonObject { ["options"] = new JsonObject { ["a"] = "1", ["b"] = "2" } };
        await ApplyAsync(client, Gizmo(both), "app");
        await ApplyAsync(
            client, Gizmo(status: new JsonObject { ["conditions"] = new JsonArray(Condition("Ready", "True")) }),
            "app-status", status: true);

        var patched = TestCrds.Node(await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(
                """{"status":{"conditions":[{"type":"Ready","status":"False"},{"type":"Other","status":"True"}]}}""",
                V1Patch.PatchType.MergePatch),
            "example.com",
            "v1",
            "default",
            "gizmos",
            "g1",
            fieldManager: "status-writer"));
        var writer = patched["metadata"]!["managedFields"]!.AsArray()
            .Single(e => (string?)e!["manager"] == "status-writer")!;
        Assert.Equal("Update", (string?)writer["operation"]);
        Assert.Equal("status", (string?)writer["subresource"]);
        var conditions = writer["fieldsV1"]!["f:status"]!["f:conditions"]!;
        Assert.Equal("""{".":{},"f:status":{},"f:type":{}}""", conditions["k:{\"type\":\"Other\"}"]!.ToJsonString());
        Assert.Equal("""{"f:status":{}}""", conditions["k:{\"type\":\"Ready\"}"]!.ToJsonString());

        var status = await ConflictAsync(() => ApplyAsync(
            client,
            Gizmo(status: new JsonObject { ["conditions"] = new JsonArray(Condition("Ready", "True")) }),
            "app-status",
            status: true));
        Assert.Equal(
            "Apply failed with 1 conflict: conflict with \"status-writer\" using example.com/v1: "
                + ".status.conditions[type=\"Ready\"].status",
            status.Message);

        var dropped = await ApplyAsync(client, Gizmo(new JsonObject { ["hosts"] = new JsonArray("h") }), "app");
        Assert.Equal("""{"a":"1"}""", dropped["spec"]!["options"]!.ToJsonString());
    }

    /// <summary>
    /// An item of a <c>map</c> list without one of its keys cannot be typed: kube-apiserver answers 500
    /// <c>failed to create typed patch object (...): .spec.ports: element 0: associative list with keys has an
    /// element that omits key field "name" (and doesn't have default value)</c> (<c>typed/helpers.go</c>,
    /// keyedAssociativeListItemToPathElement).
    /// </summary>
    [Fact]
    public async Task A_Map_List_Item_Without_Its_Key_Is_A_500_Typed_Patch_Error()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(
            client, Gizmo(new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["port"] = 80 }) }), "first"));

        Assert.Equal(HttpStatusCode.InternalServerError, error.Response.StatusCode);
        Assert.Equal(
            "failed to create typed patch object (default/g1; example.com/v1, Kind=Gizmo): .spec.ports: element 0: "
                + "associative list with keys has an element that omits key field \"name\" (and doesn't have default "
                + "value)",
            KubernetesJson.Deserialize<V1Status>(error.Response.Content).Message);
    }

    /// <summary>
    /// Built-in kinds merge by their types' markers: Service ports keyed by port and protocol (the protocol's default
    /// standing in when absent), <c>metadata.finalizers</c> a set; writes that are not applies are recorded as
    /// <c>Update</c> managers with what they added (https://kubernetes.io/docs/reference/using-api/server-side-apply/,
    /// "Field management").
    /// </summary>
    [Fact]
    public async Task Built_In_Service_Ports_Merge_By_Port_And_Protocol_And_Creates_Are_Update_Managers()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        await client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service
            {
                Metadata = new V1ObjectMeta { Name = "web", Finalizers = ["example.com/a"] },
                Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, Protocol = "TCP" }] },
            },
            "default",
            fieldManager: "creator");
        var apply = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = "web", Finalizers = ["example.com/b"] },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 443, Name = "https" }] },
        };

        var merged = await client.CoreV1.PatchNamespacedServiceAsync(
            new V1Patch(apply, V1Patch.PatchType.ApplyPatch), "web", "default", fieldManager: "applier");

        Assert.Equal([80, 443], merged.Spec.Ports.Select(p => p.Port));
        Assert.Equal(["example.com/a", "example.com/b"], merged.Metadata.Finalizers);
        var creator = Assert.Single(merged.Metadata.ManagedFields, m => m.Manager == "creator");
        Assert.Equal("Update", creator.Operation);
        var applier = JsonNode.Parse(KubernetesJson.Serialize(
            Assert.Single(merged.Metadata.ManagedFields, m => m.Manager == "applier").FieldsV1))!;
        Assert.NotNull(applier["f:spec"]!["f:ports"]!["k:{\"port\":443,\"protocol\":\"TCP\"}"]);
        Assert.NotNull(applier["f:metadata"]!["f:finalizers"]!["v:\"example.com/b\""]);
        Assert.Null(applier["f:metadata"]!["f:finalizers"]!["v:\"example.com/a\""]);
    }
}
