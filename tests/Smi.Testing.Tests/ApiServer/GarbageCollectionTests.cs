using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

public sealed class GarbageCollectionTests
{
    private static V1OwnerReference Owner(IKubernetesObject<V1ObjectMeta> owner) => new()
    {
        ApiVersion = owner.ApiVersion,
        Kind = owner.Kind,
        Name = owner.Metadata.Name,
        Uid = owner.Metadata.Uid,
    };

    private static async Task<bool> GoneAsync(Func<Task> read)
    {
        try
        {
            await read();
            return false;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("condition not met within 5 seconds");
    }

    [Fact]
    public async Task Deleting_An_Owner_Deletes_Dependents_In_Cascade_But_Keeps_Co_Owned_Objects()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        var deployment = await client.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment { Metadata = new V1ObjectMeta { Name = "web" }, Spec = new V1DeploymentSpec { Selector = new V1LabelSelector(), Template = new V1PodTemplateSpec() } }, "default");
        var other = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "keeper" } }, "default");
        var replicaSet = await client.AppsV1.CreateNamespacedReplicaSetAsync(
            new V1ReplicaSet { Metadata = new V1ObjectMeta { Name = "web-1", OwnerReferences = [Owner(deployment)] }, Spec = new V1ReplicaSetSpec { Selector = new V1LabelSelector() } }, "default");
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "web-1-a", OwnerReferences = [Owner(replicaSet)] } }, "default");
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "shared", OwnerReferences = [Owner(deployment), Owner(other)] } }, "default");

        await client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default");

        await EventuallyAsync(() => GoneAsync(() => client.CoreV1.ReadNamespacedPodAsync("web-1-a", "default")));
        Assert.True(await GoneAsync(() => client.AppsV1.ReadNamespacedReplicaSetAsync("web-1", "default")));
        Assert.NotNull(await client.CoreV1.ReadNamespacedServiceAsync("shared", "default"));

        await client.CoreV1.DeleteNamespacedConfigMapAsync("keeper", "default");
        await EventuallyAsync(() => GoneAsync(() => client.CoreV1.ReadNamespacedServiceAsync("shared", "default")));
    }

    [Fact]
    public async Task Custom_Objects_Own_Generated_Objects_And_Orphan_Policy_Keeps_Them()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();
        var widget = TestCrds.Node(await TestCrds.CreateWidgetAsync(client, TestCrds.Widget("w1", 1)));
        var owner = new V1OwnerReference { ApiVersion = "example.com/v1", Kind = "Widget", Name = "w1", Uid = widget["metadata"]!["uid"]!.GetValue<string>(), Controller = true };
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "generated", OwnerReferences = [owner] } }, "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kept", OwnerReferences = [owner] } }, "default");

        await client.CustomObjects.DeleteNamespacedCustomObjectAsync(TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, "w1", propagationPolicy: "Orphan");

        var second = TestCrds.Node(await TestCrds.CreateWidgetAsync(client, TestCrds.Widget("w2", 1)));
        var secondOwner = new V1OwnerReference { ApiVersion = "example.com/v1", Kind = "Widget", Name = "w2", Uid = second["metadata"]!["uid"]!.GetValue<string>() };
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owned-by-w2", OwnerReferences = [secondOwner] } }, "default");
        await client.CustomObjects.DeleteNamespacedCustomObjectAsync(TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, "w2");
        await EventuallyAsync(() => GoneAsync(() => client.CoreV1.ReadNamespacedConfigMapAsync("owned-by-w2", "default")));

        // The collector has run since w1 was deleted (it removed w2's dependant), and it left the orphans alone.
        Assert.NotNull(await client.CoreV1.ReadNamespacedConfigMapAsync("kept", "default"));
        Assert.NotNull(await client.CoreV1.ReadNamespacedConfigMapAsync("generated", "default"));
    }
}
