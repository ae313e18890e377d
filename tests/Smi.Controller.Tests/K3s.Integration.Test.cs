using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Smi.Abstractions.Crds;
using Smi.Abstractions.Serialization;
using Smi.Controller.Reconcile;
using Smi.Testing;
using Testcontainers.K3s;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// The core controller scenario against a real Kubernetes API server (K3s in a container): a split converges to
/// its VirtualService, follows a change, and deleting it prunes the output. It needs a Docker engine that can pull
/// <c>rancher/k3s</c>; where no cluster can be started it is reported as skipped, with the reason.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class K3sIntegrationTest(ITestOutputHelper output)
{
    private const string Image = "rancher/k3s:v1.31.4-k3s1";

    [SkippableFact]
    public async Task Split_Converges_Follows_And_Prunes_On_A_Real_Cluster()
    {
        var crds = RepositoryPaths.Crds;

        K3sContainer cluster;
        try
        {
            cluster = new K3sBuilder(Image).Build();
            using var startTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            await cluster.StartAsync(startTimeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new SkipException(
                $"a K3s cluster could not be started here ({e.GetType().Name}: {FirstLine(e.Message)}); "
                + $"this test needs a Docker engine that can pull {Image}");
        }

        await using (cluster)
        {
            var kubeconfig = await cluster.GetKubeconfigAsync();
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(kubeconfig));
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(stream));

            foreach (var crd in SmiCrdGenerator.Generate().Concat(CrdFiles(Path.Combine(crds, "istio", "virtualservices.networking.istio.io.yaml"))))
            {
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesJson.Deserialize<V1CustomResourceDefinition>(crd.ToJsonString()));
            }

            await Eventually.HoldsAsync(
                async () => (await client.ApiextensionsV1.ListCustomResourceDefinitionAsync()).Items.All(c => c.Status?.Conditions?.Any(x => x.Type == "Established" && x.Status == "True") == true),
                "every CRD is established",
                TimeSpan.FromMinutes(1));
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop" } });
            foreach (var loaded in new ManifestLoader().LoadText(File.ReadAllText(Path.Combine(RepositoryPaths.TestData, "canary-basic", "input.yaml")), "input.yaml").Objects)
            {
                await CreateAsync(client, loaded.Json);
            }

            var options = ControllerHarness.TestOptions();
            options.RequestTimeout = TimeSpan.FromSeconds(10);
            options.OutputKinds = ControllerHarness.OutputKinds("istio");
            using var loggers = LoggerFactory.Create(b => b.AddProvider(new TestLoggerProvider(output, "k3s")).SetMinimumLevel(LogLevel.Information));
            await using var core = new ControllerCore(client, ControllerHarness.Istio(), options, loggers);
            await core.StartAsync(CancellationToken.None);

            await Eventually.HoldsAsync(async () => ControllerHarness.Weights(await VirtualServiceAsync(client)).GetValueOrDefault("web-v2.shop.svc.cluster.local") == 10, "the VirtualService sends 10% to web-v2", TimeSpan.FromMinutes(1));

            var patch = new V1Patch("""{"spec":{"backends":[{"service":"web-v1","weight":50},{"service":"web-v2","weight":50}]}}""", V1Patch.PatchType.MergePatch);
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "split.smi-spec.io", "v1alpha4", "shop", "trafficsplits", "web-canary");
            await Eventually.HoldsAsync(async () => ControllerHarness.Weights(await VirtualServiceAsync(client)).GetValueOrDefault("web-v2.shop.svc.cluster.local") == 50, "the VirtualService follows the new weights", TimeSpan.FromMinutes(1));

            await client.CustomObjects.DeleteNamespacedCustomObjectAsync("split.smi-spec.io", "v1alpha4", "shop", "trafficsplits", "web-canary");
            await Eventually.HoldsAsync(async () => await VirtualServiceAsync(client) is null, "deleting the split removes its VirtualService", TimeSpan.FromMinutes(1));
            await core.StopAsync(CancellationToken.None);
        }
    }

    private static IEnumerable<JsonObject> CrdFiles(string path) => CrdCatalog.Load([path]).Definitions.Select(d => d.Document);

    private static async Task CreateAsync(Kubernetes client, JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]!.GetValue<string>();
        var kind = obj["kind"]!.GetValue<string>();
        switch (kind)
        {
            case "Service":
                await client.CoreV1.CreateNamespacedServiceAsync(KubernetesJson.Deserialize<V1Service>(obj.ToJsonString()), "shop");
                break;
            case "TrafficSplit":
                var (group, version) = (apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)], apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..]);
                await client.CustomObjects.CreateNamespacedCustomObjectAsync(obj, group, version, "shop", "trafficsplits");
                break;
        }
    }

    private static async Task<JsonObject?> VirtualServiceAsync(Kubernetes client)
    {
        try
        {
            var found = await client.CustomObjects.GetNamespacedCustomObjectAsync("networking.istio.io", "v1", "shop", "virtualservices", "web");
            return JsonNode.Parse(KubernetesJson.Serialize(found))?.AsObject();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
