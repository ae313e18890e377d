using System.Globalization;
using System.Text.Json.Nodes;
using Smi.Cli.Install;
using Smi.Webhooks.Manifests;

namespace Smi.Cli.Tests;

/// <summary><c>smi check --mesh M</c> against the loopback API server.</summary>
public class CheckCommandTests
{
    private const string CaBundle = "Q0EtMQ==";

    [Fact]
    public async Task A_Healthy_Installation_Passes_Every_Check_With_Exit_0()
    {
        await using var cluster = await StartAsync();
        InstallController(cluster, CaBundle, ready: true, renewed: TimeSpan.FromSeconds(2));

        var run = await CheckAsync(cluster);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Out + run.Error);
        Assert.False(run.Out.Contains('\u2718', StringComparison.Ordinal), run.Out);
        Assert.Contains($"\u2714 the API server at {cluster.Server.Url} answers", run.Out, StringComparison.Ordinal);
        Assert.Contains(
            "\u2714 SMI CRD trafficsplits.split.smi-spec.io is installed, serving "
            + "v1alpha1, v1alpha2, v1alpha3, v1alpha4",
            run.Out,
            StringComparison.Ordinal);
        Assert.Contains(
            "\u2714 trafficsplits.split.smi-spec.io's conversion webhook smi-system/smi-adapter-istio-webhooks is "
            + "configured with a CA bundle",
            run.Out,
            StringComparison.Ordinal);
        Assert.Contains("\u2714 istio CRD virtualservices.networking.istio.io is installed", run.Out,
            StringComparison.Ordinal);
        Assert.Contains("\u2714 the controller Deployment smi-system/smi-adapter-istio is ready (1/1", run.Out,
            StringComparison.Ordinal);
        Assert.Contains("\u2714 smi-adapter-istio-7d9f holds the Lease smi-system/smi-adapter-istio: it leads", run.Out,
            StringComparison.Ordinal);
        Assert.Contains("Status check results are \u2714", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Server.Requests, r => r.IsWrite);
    }

    [Fact]
    public async Task Each_Broken_Part_Fails_Its_Check_With_A_Hint_And_Exit_1()
    {
        await using var cluster = await LiveCluster.StartAsync();
        InstallController(cluster, CaBundle, ready: false, renewed: TimeSpan.FromMinutes(10));
        var stale = cluster.Server.Find(
            "apiextensions.k8s.io/v1", "customresourcedefinitions", null, "traffictargets.access.smi-spec.io")!;
        stale["spec"]!["conversion"]!["webhook"]!["clientConfig"]!["caBundle"] = "b2xkLUNB";
        cluster.Seed(stale);

        var run = await CheckAsync(cluster);

        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains("\u2718 istio CRD virtualservices.networking.istio.io is not installed\n    hint: install "
            + "istio's CRDs", run.Out, StringComparison.Ordinal);
        Assert.Contains("\u2718 traffictargets.access.smi-spec.io's conversion CA bundle is not the CA", run.Out,
            StringComparison.Ordinal);
        Assert.Contains(
            "\u2718 the controller Deployment smi-system/smi-adapter-istio is not ready (0/1 ready",
            run.Out,
            StringComparison.Ordinal);
        Assert.Contains("hint: kubectl -n smi-system describe deployment smi-adapter-istio", run.Out,
            StringComparison.Ordinal);
        Assert.Contains("\u2718 the Lease smi-system/smi-adapter-istio of smi-adapter-istio-7d9f has expired", run.Out,
            StringComparison.Ordinal);
        Assert.Contains("\u2714 trafficsplits.split.smi-spec.io's conversion webhook", run.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_Installed_Fails_The_Crd_And_Controller_Checks()
    {
        await using var cluster = await LiveCluster.StartAsync();
        foreach (var name in WebhookManifests.CrdNames())
        {
            var crd = cluster.Server.Find("apiextensions.k8s.io/v1", "customresourcedefinitions", null, name);
            Assert.NotNull(crd);
        }

        var run = await CliRun.RunAsync("check", "--mesh", "linkerd", "--kubeconfig", cluster.Kubeconfig);

        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains("\u2718 the controller Deployment smi-system/smi-adapter-linkerd does not exist\n    hint: smi "
            + "install --mesh linkerd -n smi-system | kubectl apply -f -", run.Out, StringComparison.Ordinal);
        Assert.Contains("\u2718 no controller holds the Lease smi-system/smi-adapter-linkerd", run.Out,
            StringComparison.Ordinal);
        Assert.Contains("\u2718 linkerd CRD servers.policy.linkerd.io is not installed", run.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Conversion_Webhook_That_Does_Not_Answer_Fails_Its_Check()
    {
        await using var cluster = await StartAsync();
        InstallController(cluster, CaBundle, ready: true, renewed: TimeSpan.FromSeconds(1));
        cluster.Seed(new JsonObject
        {
            ["apiVersion"] = "split.smi-spec.io/v1alpha4",
            ["kind"] = "TrafficSplit",
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "default" },
            ["spec"] = new JsonObject
            {
                ["service"] = "web",
                ["backends"] = new JsonArray(new JsonObject { ["service"] = "web-v1", ["weight"] = 1 }),
            },
        });

        var run = await CheckAsync(cluster);

        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains(
            "\u2718 trafficsplits.split.smi-spec.io's conversion webhook smi-system/smi-adapter-istio-webhooks does "
            + "not answer",
            run.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Unreachable_Server_Is_The_Only_Check_And_Fails()
    {
        string url;
        await using (var stopped = await LiveCluster.StartAsync())
        {
            url = stopped.Server.Url;
        }

        var folder = Directory.CreateTempSubdirectory("smi-check-");
        try
        {
            var kubeconfig = Path.Combine(folder.FullName, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, LiveCluster.KubeconfigText(url));

            var run = await CliRun.RunAsync("check", "--mesh", "istio", "--kubeconfig", kubeconfig);

            Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
            Assert.StartsWith($"\u2718 the API server at {url} does not answer", run.Out, StringComparison.Ordinal);
            Assert.Equal(4, run.Out.ReplaceLineEndings("\n").Trim().Split('\n').Length);
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

    private static Task<CliRun> CheckAsync(LiveCluster cluster) =>
        CliRun.RunAsync("check", "--mesh", "istio", "--kubeconfig", cluster.Kubeconfig);

    /// <summary>
    /// What <c>smi install --mesh istio</c> creates and the running controller then writes: the CRDs with the
    /// conversion webhook and a CA bundle, the validating webhook with the same bundle, the Deployment with its
    /// status, and the Lease (held for 300 s, so that a slow test machine does not let it expire) renewed
    /// <paramref name="renewed"/> ago.
    /// </summary>
    private static void InstallController(LiveCluster cluster, string caBundle, bool ready, TimeSpan renewed)
    {
        var settings = new InstallSettings { Mesh = "istio" };
        var webhook = InstallManifests.WebhookOptionsFor(settings);
        foreach (var crd in WebhookManifests.Crds(webhook))
        {
            crd["spec"]!["conversion"]!["webhook"]!["clientConfig"]!["caBundle"] = caBundle;
            cluster.Seed(crd);
        }

        var validation = WebhookManifests.ValidatingWebhookConfiguration(webhook);
        foreach (var entry in validation["webhooks"]!.AsArray().OfType<JsonObject>())
        {
            entry["clientConfig"]!["caBundle"] = caBundle;
        }

        cluster.Seed(validation);
        var deployment = InstallManifests.Build(settings).Single(o => o["kind"]!.GetValue<string>() == "Deployment");
        deployment["status"] = new JsonObject { ["replicas"] = 1, ["readyReplicas"] = ready ? 1 : 0 };
        cluster.Seed(deployment);
        var renewTime = DateTimeOffset.UtcNow - renewed;
        cluster.Seed(new JsonObject
        {
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["kind"] = "Lease",
            ["metadata"] = new JsonObject { ["name"] = "smi-adapter-istio", ["namespace"] = "smi-system" },
            ["spec"] = new JsonObject
            {
                ["holderIdentity"] = "smi-adapter-istio-7d9f",
                ["leaseDurationSeconds"] = 300,
                ["renewTime"] = renewTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            },
        });
    }
}
