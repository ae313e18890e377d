using System.Text.Json.Nodes;
using Smi.Testing;

namespace Smi.Cli.Tests;

/// <summary>
/// <c>translate</c>, <c>validate</c> and <c>explain</c> without PATH read the cluster of the kubeconfig.
/// </summary>
public class LiveClusterInputTests
{
    private static string Canary => File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "canary", "canary.yaml"));

    [Fact]
    public async Task Translate_From_The_Cluster_Gives_What_The_Same_Manifests_Give_As_Files_Plus_Owner_References()
    {
        await using var cluster = await LiveCluster.StartAsync();
        cluster.Seed(Canary);

        var fromFiles = await CliRun.RunAsync(
            "translate", Path.Combine(RepositoryPaths.Samples, "canary"), "--mesh", "istio", "-o", "json");
        var fromCluster = await CliRun.RunAsync(
            "translate", "--mesh", "istio", "--kubeconfig", cluster.Kubeconfig, "-o", "json");
        var everyNamespace = await CliRun.RunAsync(
            "translate", "--mesh", "istio", "--kubeconfig", cluster.Kubeconfig, "-A", "-o", "json");

        Assert.Equal(ExitCodes.Success, fromFiles.ExitCode);
        Assert.True(fromCluster.ExitCode == ExitCodes.Success, fromCluster.Error);
        var expected = Items(fromFiles.Out);
        Assert.NotEmpty(expected);
        var live = Items(fromCluster.Out);
        Assert.All(live, item => Assert.NotNull(item["metadata"]!["ownerReferences"]));
        Assert.Equal(
            expected.Select(i => i.ToJsonString()),
            live.Select(i => WithoutOwners(i).ToJsonString()));
        Assert.Equal(
            live.Select(i => i.ToJsonString()),
            Items(everyNamespace.Out).Select(i => i.ToJsonString()));
    }

    [Fact]
    public async Task Namespace_Scope_Follows_Kubectl_Minus_N_Then_The_Context_Namespace()
    {
        await using var cluster = await LiveCluster.StartAsync();
        cluster.Seed(Canary);

        var other = await CliRun.RunAsync(
            "translate", "--mesh", "istio", "--kubeconfig", cluster.Kubeconfig, "-n", "default", "-o", "json");
        var context = await CliRun.RunAsync(
            "translate", "--mesh", "istio", "--kubeconfig", cluster.Kubeconfig, "-o", "json");

        Assert.Equal(ExitCodes.Success, other.ExitCode);
        Assert.Empty(Items(other.Out));
        Assert.NotEmpty(Items(context.Out));
        Assert.Contains(
            "/apis/split.smi-spec.io/v1alpha4/namespaces/shop/trafficsplits",
            cluster.Server.Requests.Select(r => r.Path));
        Assert.DoesNotContain(cluster.Server.Requests, r => r.IsWrite);
    }

    [Fact]
    public async Task Validate_From_The_Cluster_Names_Each_Object_As_Cluster_Kind_Namespace_Name()
    {
        await using var cluster = await LiveCluster.StartAsync();
        cluster.Seed(Canary.Replace("backends:", "matches: [{kind: HTTPRouteGroup, name: missing}]\n  backends:",
            StringComparison.Ordinal));

        var run = await CliRun.RunAsync("validate", "--mesh", "istio", "--kubeconfig", cluster.Kubeconfig);

        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains("error RouteGroupNotFound TrafficSplit shop/web-canary", run.Error, StringComparison.Ordinal);
        Assert.True(run.Error.Contains("(cluster: TrafficSplit shop/web-canary)", StringComparison.Ordinal), run.Error);
    }

    [Fact]
    public async Task Explain_Reads_The_Split_From_The_Cluster()
    {
        await using var cluster = await LiveCluster.StartAsync();
        cluster.Seed(Canary);

        var fromFiles = await CliRun.RunAsync(
            "explain", "--split", "shop/web", "--mesh", "istio", Path.Combine(RepositoryPaths.Samples, "canary"));
        var fromCluster = await CliRun.RunAsync(
            "explain", "--split", "shop/web", "--mesh", "istio", "--kubeconfig", cluster.Kubeconfig);

        Assert.True(fromCluster.ExitCode == ExitCodes.Success, fromCluster.Error);
        Assert.Contains("web-v2", fromCluster.Out, StringComparison.Ordinal);
        Assert.Equal(fromFiles.Out, fromCluster.Out);
    }

    [Theory]
    [InlineData(401, "401 Unauthorized")]
    [InlineData(403, "403 Forbidden")]
    public async Task Refused_Credentials_Are_A_Clear_Error_With_Exit_3(int status, string expected)
    {
        await using var cluster = await LiveCluster.StartAsync();
        cluster.Server.Faults.FailNext("/api", count: 100, statusCode: status);

        var run = await CliRun.RunAsync("translate", "--mesh", "istio", "--kubeconfig", cluster.Kubeconfig);

        Assert.Equal(ExitCodes.ClusterError, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Contains(cluster.Server.Url, run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public async Task An_Unreachable_Server_Is_A_Clear_Error_With_Exit_3()
    {
        string url;
        await using (var stopped = await LiveCluster.StartAsync())
        {
            url = stopped.Server.Url;
        }

        var folder = Directory.CreateTempSubdirectory("smi-live-");
        try
        {
            var kubeconfig = Path.Combine(folder.FullName, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, LiveCluster.KubeconfigText(url));

            var run = await CliRun.RunAsync("validate", "--kubeconfig", kubeconfig);

            Assert.Equal(ExitCodes.ClusterError, run.ExitCode);
            Assert.Contains($"cannot reach the API server at {url}", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Usage_Errors_A_Missing_Kubeconfig_An_Unknown_Context_And_Files_With_Cluster_Options()
    {
        await using var cluster = await LiveCluster.StartAsync();

        var both = await CliRun.RunAsync(
            "translate", "x.yaml", "--mesh", "istio", "--kubeconfig", cluster.Kubeconfig);
        var missing = await CliRun.RunAsync("translate", "--mesh", "istio", "--kubeconfig", "/nonexistent/kubeconfig");
        var context = await CliRun.RunAsync(
            "translate", "--mesh", "istio", "--kubeconfig", cluster.Kubeconfig, "--context", "prod");

        Assert.Equal(ExitCodes.UsageError, both.ExitCode);
        Assert.Contains("not both", both.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ClusterError, missing.ExitCode);
        Assert.Contains("kubeconfig /nonexistent/kubeconfig: no such file", missing.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ClusterError, context.ExitCode);
        Assert.Contains("prod", context.Error, StringComparison.Ordinal);
        Assert.Empty(cluster.Server.Requests);
    }

    [Fact]
    public async Task A_Kubeconfig_Field_Of_The_Wrong_Shape_Is_Named_With_Its_File_And_Line()
    {
        var folder = Directory.CreateTempSubdirectory("smi-kubeconfig-");
        try
        {
            var kubeconfig = Path.Combine(folder.FullName, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, "apiVersion: v1\nkind: Config\nusers: {name: tester}\n");

            var run = await CliRun.RunAsync("translate", "--mesh", "istio", "--kubeconfig", kubeconfig);

            Assert.Equal(ExitCodes.ClusterError, run.ExitCode);
            Assert.Equal($"error: kubeconfig {kubeconfig}:3: users must be a list", run.Error.Trim());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static List<JsonObject> Items(string json)
    {
        var node = JsonNode.Parse(json.Trim().Length == 0 ? "[]" : json);
        return node switch
        {
            JsonArray array => [.. array.OfType<JsonObject>()],
            JsonObject { } list when list["items"] is JsonArray items => [.. items.OfType<JsonObject>()],
            JsonObject single => [single],
            _ => [],
        };
    }

    private static JsonObject WithoutOwners(JsonObject item)
    {
        var copy = (JsonObject)item.DeepClone();
        (copy["metadata"] as JsonObject)?.Remove("ownerReferences");
        return copy;
    }
}
