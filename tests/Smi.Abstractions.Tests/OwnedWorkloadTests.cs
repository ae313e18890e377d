using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Tests;

public sealed class OwnedWorkloadTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              serviceAccountName: web
              containers: [{name: web, image: web, ports: [{containerPort: 8080}]}]
        """;

    private const string ReplicaSet = """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web-5d8f
          namespace: shop
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u1, controller: true}]
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              serviceAccountName: web
              containers: [{name: web, image: web, ports: [{containerPort: 8080}]}]
        """;

    private const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-5d8f-x2k
          namespace: shop
          labels: {app: web}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, uid: u2, controller: true}]
        spec:
          serviceAccountName: web
          containers: [{name: web, image: web, ports: [{containerPort: 8080}]}]
        """;

    private static string[] Workloads(params string[] documents) =>
    [
        .. SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(string.Join("\n---\n", documents), "in.yaml"))
            .Workloads.Select(w => $"{w.Ref.Kind}/{w.Ref.Name}"),
    ];

    [Fact]
    public void A_Namespace_Export_Is_One_Workload_Per_Top_Controller()
    {
        Assert.Equal(["Deployment/web"], Workloads(Deployment, ReplicaSet, Pod));
    }

    [Fact]
    public void An_Owned_Object_Whose_Owner_Is_Not_In_The_Input_Stays()
    {
        Assert.Equal(["ReplicaSet/web-5d8f"], Workloads(ReplicaSet, Pod));
        Assert.Equal(["Pod/web-5d8f-x2k"], Workloads(Pod));
    }

    [Fact]
    public void An_Owner_In_Another_Namespace_Does_Not_Hide_The_Pod()
    {
        var elsewhere = Deployment.Replace("namespace: shop", "namespace: other", StringComparison.Ordinal);
        Assert.Equal(["Deployment/web", "ReplicaSet/web-5d8f"], Workloads(elsewhere, ReplicaSet).Order().ToArray());
    }
}
