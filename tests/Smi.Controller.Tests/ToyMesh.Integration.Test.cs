using Smi.Kube.Rbac;
using Smi.Testing.ApiServer;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smi.Abstractions.Adapters;
using Smi.Controller.Hosting;
using Smi.Testing.ToyMesh;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// A fifth mesh added to the controller host by one registration line: its options are bound from its section, its
/// output kind is watched, applied and pruned, and the RBAC generated from its descriptor is all it needs.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class ToyMeshIntegrationTest(ITestOutputHelper output)
{
    [Fact]
    public async Task The_Controller_Host_Runs_An_Adapter_Added_By_One_Line()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.Server.Seed(RouteTable.Crd());
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Controller:Mesh"] = "toy",
                ["Controller:Identity"] = "toy",
                ["Controller:HealthPort"] = "0",
                ["Controller:Debounce"] = "00:00:00.030",
                ["Controller:ResyncPeriod"] = "00:00:00",
                ["Controller:RequestTimeout"] = "00:00:02",
                ["Controller:RetryBaseDelay"] = "00:00:00.050",
                ["Controller:MaxRetries"] = "3",
                ["Controller:MaxQueueBackoff"] = "00:00:02",
                ["Adapters:toy:Prefix"] = "routes",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new TestLoggerProvider(output, "toy")));
        services.AddSmiController(configuration).AddAdapter<ToyAdapter>();
        using var registered = services.BuildServiceProvider();
        var adapters = registered.GetRequiredService<MeshAdapterCatalog>();
        var token = harness.InstallRbac(Rbac("toy", ControllerRbac.For(adapters, "toy")));
        services.AddSingleton<IKubernetes>(new Kubernetes(new KubernetesClientConfiguration
        {
            Host = harness.Server.Url,
            AccessToken = token,
            HttpClientTimeout = TimeSpan.FromSeconds(5),
        }));
        await using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<ControllerOptions>();
        Assert.Equal(["RouteTable"], options.OutputKinds.Select(k => k.Kind));
        Assert.Equal("istio", options.Metrics.Queries);

        var host = provider.GetRequiredService<ControllerHostedService>();
        await host.StartAsync(CancellationToken.None);
        try
        {
            harness.ApplyFile("canary-basic");
            await Eventually.HoldsAsync(() => Table(harness) is not null, "the toy RouteTable is applied");
            var table = Table(harness)!;
            Assert.Equal("toy", table["metadata"]!["labels"]!["smi-adapter.io/mesh"]!.GetValue<string>());
            Assert.NotNull(table["backends"]!["web-v2"]);
            Assert.Contains(host.Core!.WatchedOutputKinds, k => k.Plural == "routetables");

            await harness.DeleteSmiAsync("split.smi-spec.io", "v1alpha4", "trafficsplits", "shop", "web-canary");
            await Eventually.HoldsAsync(() => Table(harness) is null, "the toy RouteTable is pruned");
            Assert.DoesNotContain(harness.Server.Requests, r => r.StatusCode == 403);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static JsonObject? Table(ControllerHarness harness) =>
        harness.Server.Find("toy.example.com/v1alpha1", "routetables", "shop", "routes-web");

    /// <summary>The ServiceAccount, ClusterRole and binding of a controller granted exactly these rules.</summary>
    private static InstalledRbac Rbac(string mesh, IEnumerable<RbacRule> rules)
    {
        var name = $"smi-adapter-{mesh}";
        var roleRef = new JsonObject
        {
            ["apiGroup"] = "rbac.authorization.k8s.io",
            ["kind"] = "ClusterRole",
            ["name"] = name,
        };
        var subject = new JsonObject
        {
            ["kind"] = "ServiceAccount",
            ["name"] = name,
            ["namespace"] = InstalledRbac.Namespace,
        };
        var ruleArray = new JsonArray([.. rules.Select(r => (JsonNode)new JsonObject
        {
            ["apiGroups"] = new JsonArray(r.Group),
            ["resources"] = new JsonArray(r.Resource),
            ["verbs"] = new JsonArray([.. r.Verbs.Select(v => (JsonNode)v)]),
        })]);
        return new InstalledRbac(mesh,
        [
            new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ServiceAccount",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = InstalledRbac.Namespace },
            },
            new JsonObject
            {
                ["apiVersion"] = "rbac.authorization.k8s.io/v1",
                ["kind"] = "ClusterRole",
                ["metadata"] = new JsonObject { ["name"] = name },
                ["rules"] = ruleArray,
            },
            new JsonObject
            {
                ["apiVersion"] = "rbac.authorization.k8s.io/v1",
                ["kind"] = "ClusterRoleBinding",
                ["metadata"] = new JsonObject { ["name"] = name },
                ["roleRef"] = roleRef,
                ["subjects"] = new JsonArray(subject),
            },
        ]);
    }
}
