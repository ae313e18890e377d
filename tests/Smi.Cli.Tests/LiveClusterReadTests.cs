using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Smi.Abstractions.Serialization;
using Smi.Kube.Kubeconfig;
using Smi.Testing.ApiServer;

namespace Smi.Cli.Tests;

/// <summary>
/// What a cluster holds beyond Deployments: ReplicaSets that no Deployment owns, Namespaces being deleted, and a
/// <c>KUBECONFIG</c> that lists several files.
/// </summary>
public class LiveClusterReadTests
{
    private const string Shop = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n";

    private const string Access = """
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop}
        spec: {selector: {app: api}, ports: [{name: http, port: 8080}]}
        ---
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: HTTPRouteGroup
        metadata: {name: api-routes, namespace: shop}
        spec: {matches: [{name: api, pathRegex: /api/.*, methods: [GET]}]}
        ---
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: web-calls-api, namespace: shop}
        spec:
          destination: {kind: ServiceAccount, name: api, namespace: shop}
          rules: [{kind: HTTPRouteGroup, name: api-routes}]
          sources: [{kind: ServiceAccount, name: web, namespace: shop}]

        """;

    private const string ReplicaSet = """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: api, namespace: shop}
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              serviceAccountName: api
              containers: [{name: api, image: api:1, ports: [{name: http, containerPort: 8080}]}]

        """;

    private const string Web = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              serviceAccountName: web
              containers: [{name: web, image: web:1}]

        """;

    [Fact]
    public async Task A_ReplicaSet_Without_A_Deployment_Is_A_Workload_As_In_Files_And_Its_Pods_Are_Not()
    {
        await using var cluster = await LiveCluster.StartAsync();
        cluster.Seed(Shop + Access);
        var replicaSet = cluster.Seed(Yaml(ReplicaSet));
        cluster.Seed(Owned(Pod("api-x7k2q", "api"), "ReplicaSet", "api", replicaSet));
        var deployment = cluster.Seed(Yaml(Web));
        cluster.Seed(Owned(Yaml(ReplicaSet.Replace("name: api,", "name: web-5d9,", StringComparison.Ordinal)),
            "Deployment", "web", deployment));
        var folder = Directory.CreateTempSubdirectory("smi-rs-");
        try
        {
            var file = Path.Combine(folder.FullName, "shop.yaml");
            await File.WriteAllTextAsync(file, Access + "---\n" + ReplicaSet + "---\n" + Web);
            string[] request = ["explain", "--from", "shop/web", "--to", "shop/rs/api", "--path", "/api/x", "--mesh",
                "istio"];

            var fromFiles = await CliRun.RunAsync([.. request, file]);
            var fromCluster = await CliRun.RunAsync([.. request, "--kubeconfig", cluster.Kubeconfig]);
            var pod = await CliRun.RunAsync([.. request[..4], "shop/pod/api-x7k2q", .. request[5..],
                "--kubeconfig", cluster.Kubeconfig]);
            var owned = await CliRun.RunAsync([.. request[..4], "shop/rs/web-5d9", .. request[5..],
                "--kubeconfig", cluster.Kubeconfig]);

            Assert.True(fromFiles.ExitCode == ExitCodes.Success, fromFiles.Error);
            Assert.Contains("ServiceAccount shop/web (Deployment web) -> ReplicaSet shop/api container port 8080\n",
                fromFiles.Out, StringComparison.Ordinal);
            Assert.Contains("  istio:   allow: ALLOW policy shop/", fromFiles.Out, StringComparison.Ordinal);
            Assert.True(fromCluster.ExitCode == ExitCodes.Success, fromCluster.Error);
            Assert.Equal(fromFiles.Out, fromCluster.Out);
            Assert.Equal(ExitCodes.InputErrors, pod.ExitCode);
            Assert.Contains("Pod shop/api-x7k2q is not in the input", pod.Error, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.InputErrors, owned.ExitCode);
            Assert.Contains("ReplicaSet shop/web-5d9 is not in the input", owned.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Objects_In_A_Terminating_Namespace_Are_Left_Out_With_An_Info_Diagnostic()
    {
        await using var cluster = await LiveCluster.StartAsync();
        cluster.Seed(Shop + Access + "---\n" + ReplicaSet);
        using var client = cluster.Server.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "old" } });

        // A finalizer keeps the split while the namespace is deleted, as a finalizer of another controller would.
        var split = Yaml("""
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: gone, namespace: old, finalizers: [example.com/keep]}
            spec: {service: missing, backends: [{service: missing-v1, weight: 1}]}
            """);
        cluster.Seed(split);
        var before = await CliRun.RunAsync("validate", "--mesh", "istio", "-A", "--kubeconfig", cluster.Kubeconfig);
        await client.CoreV1.DeleteNamespaceAsync("old");

        var run = await CliRun.RunAsync(
            "validate", "--mesh", "istio", "-v", "-A", "--kubeconfig", cluster.Kubeconfig);
        var translated = await CliRun.RunAsync(
            "translate", "--mesh", "istio", "-A", "--kubeconfig", cluster.Kubeconfig, "-o", "name");

        Assert.True(before.ExitCode == ExitCodes.Success, before.Error);
        Assert.Contains("warning ServiceNotFound TrafficSplit old/gone", before.Error, StringComparison.Ordinal);
        Assert.NotNull(cluster.Server.Find("split.smi-spec.io/v1alpha4", "trafficsplits", "old", "gone"));
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("info NamespaceTerminating Namespace old", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("TrafficSplit old/gone", run.Error, StringComparison.Ordinal);
        Assert.True(translated.ExitCode == ExitCodes.Success, translated.Error);
        Assert.DoesNotContain("missing", translated.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Kubeconfig_List_Is_Merged_The_First_File_To_Set_A_Value_Winning()
    {
        await using var cluster = await LiveCluster.StartAsync();
        var folder = Directory.CreateTempSubdirectory("smi-kubeconfig-");
        try
        {
            // The first file names the context and its namespace; the second holds the cluster and user, and a
            // context of the same name and a current-context that lose to the first file's.
            var first = Path.Combine(folder.FullName, "first");
            var second = Path.Combine(folder.FullName, "second");
            await File.WriteAllTextAsync(first, """
                apiVersion: v1
                kind: Config
                contexts:
                - name: loopback
                  context: {cluster: loopback, user: tester, namespace: shop}
                current-context: loopback
                """);
            await File.WriteAllTextAsync(second, $$"""
                apiVersion: v1
                kind: Config
                clusters:
                - name: loopback
                  cluster: {server: "{{cluster.Server.Url}}"}
                users:
                - name: tester
                  user: {token: {{LoopbackApiServer.AdminToken}}}
                contexts:
                - name: loopback
                  context: {cluster: loopback, user: tester, namespace: other}
                - name: other
                  context: {cluster: loopback, user: tester, namespace: other}
                current-context: other
                """);

            var merged = KubeconfigFiles.Merge([first, second]);
            var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(merged);
            using var client = new Kubernetes(config);
            var namespaces = await client.CoreV1.ListNamespaceAsync();

            Assert.Equal("loopback", config.CurrentContext);
            Assert.Equal("shop", config.Namespace);
            Assert.StartsWith(cluster.Server.Url.TrimEnd('/'), config.Host, StringComparison.Ordinal);
            Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static JsonObject Yaml(string yaml) => new ManifestLoader().LoadText(yaml, "seed.yaml").Objects[0].Json;

    private static JsonObject Pod(string name, string account) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject
        {
            ["name"] = name, ["namespace"] = "shop", ["labels"] = new JsonObject { ["app"] = account },
        },
        ["spec"] = new JsonObject
        {
            ["serviceAccountName"] = account,
            ["containers"] = new JsonArray(new JsonObject { ["name"] = account, ["image"] = "x:1" }),
        },
    };

    private static JsonObject Owned(JsonObject obj, string ownerKind, string ownerName, JsonObject owner)
    {
        obj["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = ownerKind,
            ["name"] = ownerName,
            ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
            ["controller"] = true,
        });
        return obj;
    }
}
