using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Adapters.Consul.Services;

namespace Smi.Adapters.Consul.Tests;

public class ConsulNameScopeTests
{
    private const string TwoNamespaces = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: blue}
        spec: {selector: {app: web}, ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: green}
        spec: {selector: {app: web}, ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: green}
        spec: {selector: {app: api}, ports: [{port: 80}]}
        """;

    private static MeshSnapshot Snapshot() =>
        SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(TwoNamespaces, "input.yaml"));

    [Fact]
    public void SameNameInTwoNamespaces_IsAmbiguousWithoutConsulNamespaces()
    {
        var scope = new ConsulNameScope(Snapshot(), ConsulNamespaces.None);
        Assert.Equal(["green"], scope.OtherNamespaces("blue", "web"));
        Assert.Equal(["blue"], scope.OtherNamespaces("green", "web"));
        Assert.Empty(scope.OtherNamespaces("green", "api"));
        Assert.Equal(["green"], scope.OtherNamespaces("blue", "api"));
    }

    [Fact]
    public void MirroredNamespaces_NeverCollide()
    {
        var scope = new ConsulNameScope(Snapshot(), ConsulNamespaces.Mirror);
        Assert.Empty(scope.OtherNamespaces("blue", "web"));
    }

    [Fact]
    public void UnknownName_IsUnambiguous() =>
        Assert.Empty(new ConsulNameScope(Snapshot(), ConsulNamespaces.None).OtherNamespaces("blue", "nothing"));
}
