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
}
