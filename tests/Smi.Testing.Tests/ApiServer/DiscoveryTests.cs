using System.Text.Json.Nodes;
using k8s;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Core_And_BuiltIn_Groups_Are_Discoverable()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();

        var core = await client.Core.GetAPIVersionsAsync();
        Assert.Equal(["v1"], core.Versions);

        var coreResources = await client.CoreV1.GetAPIResourcesAsync();
        Assert.Equal("v1", coreResources.GroupVersion);
        var services = Assert.Single(coreResources.Resources, r => r.Name == "services");
        Assert.True(services.Namespaced);
        Assert.Equal("Service", services.Kind);
        Assert.Contains("watch", services.Verbs);
        Assert.False(Assert.Single(coreResources.Resources, r => r.Name == "namespaces").Namespaced);
        Assert.Contains(coreResources.Resources, r => r.Name == "events");
        Assert.Contains(coreResources.Resources, r => r.Name == "serviceaccounts");

        var groups = await client.Apis.GetAPIVersionsAsync();
        var names = groups.Groups.Select(g => g.Name).ToList();
        Assert.Contains("apps", names);
        Assert.Contains("coordination.k8s.io", names);
        Assert.Contains("apiextensions.k8s.io", names);

        var apps = await client.AppsV1.GetAPIResourcesAsync();
        Assert.Contains(apps.Resources, r => r.Name == "deployments/status");
        var leases = await client.CoordinationV1.GetAPIResourcesAsync();
        Assert.Equal("Lease", Assert.Single(leases.Resources).Kind);
    }

    [Fact]
    public async Task Installed_Crds_Are_Listed_With_Served_Versions_And_Status_Subresource()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();

        var groups = await client.Apis.GetAPIVersionsAsync();
        var example = Assert.Single(groups.Groups, g => g.Name == "example.com");
        Assert.Equal("v1", example.PreferredVersion.Version);
        Assert.Equal(["v1", "v1beta1"], example.Versions.Select(v => v.Version).ToList());

        using var http = server.CreateHttpClient();
        var list = JsonNode.Parse(await http.GetStringAsync(server.Url + "/apis/example.com/v1"))!;
        Assert.Equal("APIResourceList", list["kind"]!.GetValue<string>());
        var resourceNames = list["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["gadgets", "widgets", "widgets/status"], resourceNames);
        var gadgets = list["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "gadgets")!;
        Assert.False(gadgets["namespaced"]!.GetValue<bool>());

        var beta = JsonNode.Parse(await http.GetStringAsync(server.Url + "/apis/example.com/v1beta1"))!;
        Assert.DoesNotContain(beta["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "widgets/status");

        using var unserved = await http.GetAsync(new Uri(server.Url + "/apis/example.com/v1alpha1/namespaces/default/widgets"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unserved.StatusCode);
    }

    /// <summary>
    /// A CRD created while the server runs is served at once: its group appears in discovery and its objects can be
    /// created, as kube-apiserver's apiextensions server starts serving a new CRD's REST endpoints once it is
    /// Established (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/,
    /// "Create a CustomResourceDefinition"; <c>apiextensions-apiserver/pkg/apiserver/customresource_handler.go</c>).
    /// </summary>
    [Fact]
    public async Task Crd_Created_Through_The_Api_Is_Served()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        var crd = KubernetesYaml.Deserialize<k8s.Models.V1CustomResourceDefinition>(TestCrds.WidgetCrdYaml.Split("---")[0]);

        var created = await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        Assert.Contains(created.Status.Conditions, c => c.Type == "Established" && c.Status == "True");

        var resources = await client.Apis.GetAPIVersionsAsync();
        Assert.Contains(resources.Groups, g => g.Name == "example.com");
        await TestCrds.CreateWidgetAsync(client, TestCrds.Widget("w1", 3));
        Assert.Equal(3, (await TestCrds.GetWidgetAsync(client, "w1"))["spec"]!["size"]!.GetValue<int>());

        await client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("widgets.example.com");
        resources = await client.Apis.GetAPIVersionsAsync();
        Assert.DoesNotContain(resources.Groups, g => g.Name == "example.com");
    }

    [Fact]
    public async Task Shared_Smi_Crds_Are_Discoverable()
    {
        var crds = RepositoryPaths.Crds;

        await using var server = await LoopbackApiServer.StartAsync();
        var installed = server.InstallCrds(Path.Combine(crds, "smi"));
        Assert.True(installed >= 5, $"installed {installed} CRDs");
        using var client = server.CreateClient();

        var groups = await client.Apis.GetAPIVersionsAsync();
        var split = Assert.Single(groups.Groups, g => g.Name == "split.smi-spec.io");
        Assert.Equal("v1alpha4", split.PreferredVersion.Version);
        Assert.Equal(["v1alpha4"], split.Versions.Select(v => v.Version).ToList());
        var access = Assert.Single(groups.Groups, g => g.Name == "access.smi-spec.io");
        Assert.Equal("v1alpha3", access.PreferredVersion.Version);
        Assert.Contains(groups.Groups, g => g.Name == "specs.smi-spec.io");

        using var http = server.CreateHttpClient();
        var list = JsonNode.Parse(await http.GetStringAsync(server.Url + "/apis/split.smi-spec.io/v1alpha4"))!;
        Assert.Contains(list["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "trafficsplits" && r["kind"]!.GetValue<string>() == "TrafficSplit");
    }
}
