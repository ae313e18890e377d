using k8s;
using k8s.Models;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

public sealed class FixtureTests(LoopbackApiServerFixture fixture) : IClassFixture<LoopbackApiServerFixture>
{
    [Fact]
    public async Task Fixture_Serves_A_Running_Server()
    {
        using var client = fixture.CreateClient();

        var namespaces = await client.CoreV1.ListNamespaceAsync();

        Assert.StartsWith("http://127.0.0.1:", fixture.Server.Url, StringComparison.Ordinal);
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "kube-system");
        var version = await client.Version.GetCodeAsync();
        Assert.Equal("1", version.Major);
        Assert.NotNull(await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "controller" } }, "kube-system"));
    }

    [Fact]
    public async Task Read_Sees_The_Stored_Object_Find_Copies_It()
    {
        using var client = fixture.CreateClient();
        var created = await client.CoreV1.CreateNamespacedServiceAccountAsync(
            new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "reader" } }, "default");

        var version = fixture.Server.Read(
            "v1", "serviceaccounts", "default", "reader", o => (string?)o?["metadata"]?["resourceVersion"]);
        var missing = fixture.Server.Read("v1", "serviceaccounts", "default", "nobody", o => o is null);
        var copy = fixture.Server.Find("v1", "serviceaccounts", "default", "reader")!;
        copy["metadata"]!["resourceVersion"] = "changed";

        Assert.Equal(created.Metadata.ResourceVersion, version);
        Assert.True(missing);
        Assert.Equal(
            created.Metadata.ResourceVersion,
            fixture.Server.Read(
                "v1", "serviceaccounts", "default", "reader", o => (string?)o?["metadata"]?["resourceVersion"]));
    }
}
