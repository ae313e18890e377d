using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Translation;
using Smi.Adapters.Istio;
using Smi.Controller;
using Smi.Controller.Reconcile;
using Smi.Kube;
using Smi.Testing;

namespace Smi.Cli.Tests;

/// <summary>
/// <c>smi diff --mesh M</c> against the loopback API server, and against what the controller applies.
/// </summary>
public class DiffCommandTests
{
    private const string VirtualServices = "networking.istio.io/v1";

    private static string Canary => File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "canary", "canary.yaml"));

    [Fact]
    public async Task Nothing_Applied_Yet_Every_Output_Is_A_Create_And_Exit_Is_1()
    {
        await using var cluster = await StartAsync();
        cluster.Seed(Canary);

        var run = await DiffAsync(cluster);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--- /dev/null\n+++ desired/networking.istio.io.v1.VirtualService.shop.web\n", run.Out,
            StringComparison.Ordinal);
        Assert.Contains("+    smi-adapter.io/applied-hash: ", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\n-", run.Out, StringComparison.Ordinal);
        Assert.Contains("to create, 0 to update, 0 to prune", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Server.Requests, r => r.IsWrite);
    }

    [Fact]
    public async Task No_Difference_After_The_Controller_Applied_Then_An_Edit_Is_An_Update_And_A_Leftover_A_Prune()
    {
        await using var cluster = await StartAsync();
        cluster.Seed(Canary);
        await RunControllerOnceAsync(cluster);

        var equal = await DiffAsync(cluster);
        Assert.True(equal.ExitCode == 0, equal.Out + equal.Error);
        Assert.Equal(string.Empty, equal.Out);
        Assert.Contains("0 to create, 0 to update, 0 to prune", equal.Error, StringComparison.Ordinal);

        // Someone edits a weight, and leaves an output of a unit that no longer exists; an unmanaged object and
        // a label another tool added are not the controller's.
        var web = cluster.Server.Find(VirtualServices, "virtualservices", "shop", "web")!;
        var weights = web.ToJsonString();
        Assert.Contains("\"weight\":90", weights, StringComparison.Ordinal);
        var edited = JsonNode.Parse(weights.Replace("\"weight\":90", "\"weight\":50", StringComparison.Ordinal))!
            .AsObject();
        edited["metadata"]!["labels"]!["team"] = "payments";
        cluster.Seed(edited);
        var leftover = (JsonObject)web.DeepClone();
        leftover["metadata"] = new JsonObject
        {
            ["name"] = "old",
            ["namespace"] = "shop",
            ["labels"] = new JsonObject
            {
                [GeneratedMetadata.ManagedByLabel] = GeneratedMetadata.ManagedByValue,
                [GeneratedMetadata.MeshLabel] = "istio",
            },
        };
        cluster.Seed(leftover);
        var foreign = (JsonObject)web.DeepClone();
        foreign["metadata"] = new JsonObject { ["name"] = "hand-written", ["namespace"] = "shop" };
        cluster.Seed(foreign);

        var run = await DiffAsync(cluster);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--- live/networking.istio.io.v1.VirtualService.shop.web\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("\n-      weight: 50\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("\n+      weight: 90\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("--- live/networking.istio.io.v1.VirtualService.shop.old\n+++ /dev/null\n", run.Out,
            StringComparison.Ordinal);
        Assert.DoesNotContain("hand-written", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("payments", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("resourceVersion", run.Out, StringComparison.Ordinal);
        Assert.Contains("0 to create, 1 to update, 1 to prune", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Unreachable_Cluster_Exits_Above_1()
    {
        var folder = Directory.CreateTempSubdirectory("smi-diff-");
        try
        {
            string url;
            await using (var stopped = await StartAsync())
            {
                url = stopped.Server.Url;
            }

            var kubeconfig = Path.Combine(folder.FullName, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, LiveCluster.KubeconfigText(url));

            var run = await CliRun.RunAsync("diff", "--mesh", "istio", "--kubeconfig", kubeconfig);

            Assert.Equal(ExitCodes.ClusterError, run.ExitCode);
            Assert.Contains("cannot reach the API server", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Task<LiveCluster> StartAsync() => LiveCluster.StartAsync(
        Path.Combine("istio", "virtualservices.networking.istio.io.yaml"),
        Path.Combine("istio", "destinationrules.networking.istio.io.yaml"),
        Path.Combine("istio", "authorizationpolicies.security.istio.io.yaml"));

    private static Task<CliRun> DiffAsync(LiveCluster cluster) =>
        CliRun.RunAsync("diff", "--mesh", "istio", "--kubeconfig", cluster.Kubeconfig);

    /// <summary>Runs the controller until it has applied everything and is idle, then stops it.</summary>
    private static async Task RunControllerOnceAsync(LiveCluster cluster)
    {
        var translator = new ServiceCollection().AddSmi().AddIstio().Services.BuildServiceProvider()
            .GetRequiredService<MeshTranslatorCatalog>().Find("istio")!;
        var options = new ControllerOptions
        {
            Mesh = "istio",
            HealthPort = 0,
            Debounce = TimeSpan.FromMilliseconds(30),
            ResyncPeriod = TimeSpan.Zero,
            OutputKinds = [.. ResourceKinds.OutputsOf(new IstioAdapter())],
        };
        await using var controller = new ControllerCore(cluster.Server.CreateClient(), translator, options);
        await controller.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var quiet = 0;
        while (quiet < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "the controller did not become idle within 60 s");
            quiet = controller.IsIdle && controller.Passes > 0 ? quiet + 1 : 0;
            await Task.Delay(100);
        }

        await controller.StopAsync(CancellationToken.None);
        Assert.NotNull(cluster.Server.Find(VirtualServices, "virtualservices", "shop", "web"));
    }
}
