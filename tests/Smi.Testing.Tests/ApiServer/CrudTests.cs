using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

public sealed class CrudTests
{
    private static V1Service Service(string name, string ns = "default", IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, Name = "http" }], Selector = new Dictionary<string, string> { ["app"] = name } },
    };

    [Fact]
    public async Task Service_Round_Trip()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();

        var created = await client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default");
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal("default", created.Metadata.NamespaceProperty);
        Assert.Equal("v1", created.ApiVersion);
        Assert.Equal("Service", created.Kind);

        var read = await client.CoreV1.ReadNamespacedServiceAsync("web", "default");
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal(80, read.Spec.Ports.Single().Port);

        read.Spec.Ports[0].Port = 8080;
        var replaced = await client.CoreV1.ReplaceNamespacedServiceAsync(read, "web", "default");
        Assert.Equal(8080, replaced.Spec.Ports.Single().Port);
        Assert.True(long.Parse(replaced.Metadata.ResourceVersion) > long.Parse(created.Metadata.ResourceVersion));
        Assert.Equal(created.Metadata.Uid, replaced.Metadata.Uid);

        var deleted = await client.CoreV1.DeleteNamespacedServiceAsync("web", "default");
        Assert.Equal("web", deleted.Metadata.Name);
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedServiceAsync("web", "default"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Contains("\"reason\":\"NotFound\"", missing.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_Object_Round_Trip_Bumps_Generation_On_Spec_Change_Only()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();

        var created = TestCrds.Node(await TestCrds.CreateWidgetAsync(client, TestCrds.Widget("w1", 1)));
        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal("example.com/v1", created["apiVersion"]!.GetValue<string>());

        created["spec"]!["size"] = 2;
        var replaced = TestCrds.Node(await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(created, TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, "w1"));
        Assert.Equal(2, replaced["metadata"]!["generation"]!.GetValue<long>());

        replaced["metadata"]!["labels"] = new JsonObject { ["tier"] = "gold" };
        var relabelled = TestCrds.Node(await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(replaced, TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, "w1"));
        Assert.Equal(2, relabelled["metadata"]!["generation"]!.GetValue<long>());
        Assert.NotEqual(replaced["metadata"]!["resourceVersion"]!.GetValue<string>(), relabelled["metadata"]!["resourceVersion"]!.GetValue<string>());

        var beta = TestCrds.Node(await client.CustomObjects.GetNamespacedCustomObjectAsync(TestCrds.Group, "v1beta1", "default", TestCrds.Plural, "w1"));
        Assert.Equal("example.com/v1beta1", beta["apiVersion"]!.GetValue<string>());

        var list = TestCrds.Node(await client.CustomObjects.ListNamespacedCustomObjectAsync(TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural));
        Assert.Equal("WidgetList", list["kind"]!.GetValue<string>());
        Assert.Single(list["items"]!.AsArray());

        await client.CustomObjects.DeleteNamespacedCustomObjectAsync(TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, "w1");
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => TestCrds.GetWidgetAsync(client, "w1"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
    }

    [Fact]
    public async Task Cluster_Scoped_Custom_Object_Round_Trip()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();
        var gadget = new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Gadget", ["metadata"] = new JsonObject { ["name"] = "g1" }, ["anything"] = 1 };

        await client.CustomObjects.CreateClusterCustomObjectAsync(gadget, TestCrds.Group, TestCrds.Version, "gadgets");
        var read = TestCrds.Node(await client.CustomObjects.GetClusterCustomObjectAsync(TestCrds.Group, TestCrds.Version, "gadgets", "g1"));
        Assert.Null(read["metadata"]!["namespace"]);
        Assert.Equal(1, read["anything"]!.GetValue<int>());
    }

    [Fact]
    public async Task Stale_ResourceVersion_Gets_409_Conflict()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        var created = await client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default");
        var first = await client.CoreV1.ReadNamespacedServiceAsync("web", "default");
        var second = await client.CoreV1.ReadNamespacedServiceAsync("web", "default");

        first.Metadata.Labels = new Dictionary<string, string> { ["a"] = "1" };
        await client.CoreV1.ReplaceNamespacedServiceAsync(first, "web", "default");
        second.Metadata.Labels = new Dictionary<string, string> { ["a"] = "2" };
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedServiceAsync(second, "web", "default"));

        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Contains("the object has been modified", conflict.Response.Content, StringComparison.Ordinal);
        Assert.Equal("1", (await client.CoreV1.ReadNamespacedServiceAsync("web", "default")).Metadata.Labels["a"]);
        Assert.NotNull(created);
    }

    [Fact]
    public async Task Duplicate_Create_Gets_409_AlreadyExists()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        await client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default");

        var duplicate = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default"));

        Assert.Equal(HttpStatusCode.Conflict, duplicate.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(duplicate.Response.Content);
        Assert.Equal("AlreadyExists", status.Reason);
        Assert.Equal(409, status.Code);
        Assert.Equal("Failure", status.Status);
    }

    [Fact]
    public async Task Create_In_Missing_Namespace_Gets_404_And_Namespaces_Can_Be_Created()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();

        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedServiceAsync(Service("web", "shop"), "shop"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);

        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop" } });
        await client.CoreV1.CreateNamespacedServiceAsync(Service("web", "shop"), "shop");
        var all = await client.CoreV1.ListServiceForAllNamespacesAsync();
        Assert.Equal("shop", Assert.Single(all.Items).Metadata.NamespaceProperty);
    }

    [Fact]
    public async Task Merge_Patch_Changes_And_Removes_Fields()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        await client.CoreV1.CreateNamespacedServiceAsync(Service("web", labels: new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }), "default");

        var patch = new V1Patch("""{"metadata":{"labels":{"a":null,"c":"3"}},"spec":{"type":"NodePort"}}""", V1Patch.PatchType.MergePatch);
        var patched = await client.CoreV1.PatchNamespacedServiceAsync(patch, "web", "default");

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" }, patched.Metadata.Labels);
        Assert.Equal("NodePort", patched.Spec.Type);
        Assert.Equal(80, patched.Spec.Ports.Single().Port);

        var jsonPatch = new V1Patch("""[{"op":"replace","path":"/spec/ports/0/port","value":81}]""", V1Patch.PatchType.JsonPatch);
        patched = await client.CoreV1.PatchNamespacedServiceAsync(jsonPatch, "web", "default");
        Assert.Equal(81, patched.Spec.Ports.Single().Port);
    }

    [Fact]
    public async Task Status_Subresource_Is_Isolated()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();
        var widget = TestCrds.Widget("w1", 1);
        widget["status"] = new JsonObject { ["phase"] = "Ignored" };
        var created = TestCrds.Node(await TestCrds.CreateWidgetAsync(client, widget));
        Assert.Null(created["status"]);

        created["status"] = new JsonObject { ["phase"] = "Ready" };
        created["spec"]!["size"] = 99;
        var afterStatus = TestCrds.Node(await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(created, TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, "w1"));
        Assert.Equal("Ready", afterStatus["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(1, afterStatus["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(1, afterStatus["metadata"]!["generation"]!.GetValue<long>());

        afterStatus["status"] = new JsonObject { ["phase"] = "Hacked" };
        afterStatus["spec"]!["size"] = 5;
        var afterMain = TestCrds.Node(await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(afterStatus, TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, "w1"));
        Assert.Equal("Ready", afterMain["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(5, afterMain["spec"]!["size"]!.GetValue<int>());

        var statusPatch = new V1Patch("""{"status":{"phase":"Done"},"spec":{"size":7}}""", V1Patch.PatchType.MergePatch);
        var patched = TestCrds.Node(await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(statusPatch, TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, "w1"));
        Assert.Equal("Done", patched["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(5, patched["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Label_And_Field_Selectors_Filter_Lists()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        await client.CoreV1.CreateNamespacedServiceAsync(Service("a", labels: new Dictionary<string, string> { ["app"] = "shop", ["tier"] = "web" }), "default");
        await client.CoreV1.CreateNamespacedServiceAsync(Service("b", labels: new Dictionary<string, string> { ["app"] = "shop", ["tier"] = "db" }), "default");
        await client.CoreV1.CreateNamespacedServiceAsync(Service("c", labels: new Dictionary<string, string> { ["app"] = "blog" }), "default");

        async Task<string> Names(string? labelSelector, string? fieldSelector = null)
        {
            var list = await client.CoreV1.ListNamespacedServiceAsync("default", labelSelector: labelSelector, fieldSelector: fieldSelector);
            Assert.False(string.IsNullOrEmpty(list.Metadata.ResourceVersion));
            return string.Join(",", list.Items.Select(i => i.Metadata.Name));
        }

        Assert.Equal("a,b", await Names("app=shop"));
        Assert.Equal("a,b", await Names("app==shop"));
        Assert.Equal("b,c", await Names("tier!=web"));
        Assert.Equal("a", await Names("app=shop,tier in (web, cache)"));
        Assert.Equal("a", await Names("tier in (web,cache)"));
        Assert.Equal("c", await Names("tier notin (web,db)"));
        Assert.Equal("a,b", await Names("tier"));
        Assert.Equal("c", await Names("!tier"));
        Assert.Equal("b", await Names(null, "metadata.name=b"));
        Assert.Equal("a,c", await Names(null, "metadata.name!=b"));
        Assert.Equal("a,b,c", await Names(null, "metadata.namespace=default"));

        var paged = await client.CoreV1.ListNamespacedServiceAsync("default", limit: 2);
        Assert.Equal(2, paged.Items.Count);
        var rest = await client.CoreV1.ListNamespacedServiceAsync("default", limit: 2, continueParameter: paged.Metadata.ContinueProperty);
        Assert.Equal("c", Assert.Single(rest.Items).Metadata.Name);
    }

    [Fact]
    public async Task Events_And_Leases_Are_Stored()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();

        await client.CoreV1.CreateNamespacedEventAsync(
            new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = "w1.1", NamespaceProperty = "default" },
                InvolvedObject = new V1ObjectReference { Kind = "TrafficSplit", Name = "w1", NamespaceProperty = "default" },
                Reason = "Translated",
                Message = "ok",
                Type = "Normal",
            },
            "default");
        var events = await client.CoreV1.ListNamespacedEventAsync("default");
        Assert.Equal("Translated", Assert.Single(events.Items).Reason);

        await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "leader" }, Spec = new V1LeaseSpec { HolderIdentity = "me" } }, "kube-system");
        var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync("leader", "kube-system");
        Assert.Equal("me", lease.Spec.HolderIdentity);

        await client.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = "web" },
                Spec = new V1DeploymentSpec { Selector = new V1LabelSelector(), Template = new V1PodTemplateSpec() },
            },
            "default");
        Assert.Single((await client.AppsV1.ListDeploymentForAllNamespacesAsync()).Items);
    }
}
