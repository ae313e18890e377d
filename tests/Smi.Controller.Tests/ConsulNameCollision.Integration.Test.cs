using k8s;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// Without Consul namespaces, Services of one name in two Kubernetes namespaces are one Consul service. A Service
/// created in another namespace changes what an existing TrafficSplit's unit must write, though it is not among the
/// unit's inputs: the controller finds it at once, not at the next resync.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class ConsulNameCollisionIntegrationTest(ITestOutputHelper output)
{
    private const string Consul = "consul.hashicorp.com/v1alpha1";
    private const string Split = "split.smi-spec.io/v1alpha4";

    [Fact]
    public async Task A_Service_Named_Like_A_Split_Root_Elsewhere_Withdraws_The_Splitter_And_Gives_It_Back_When_Gone()
    {
        await using var harness = await ControllerHarness.StartAsync(output, allMeshes: true);
        var consul = ControllerHarness.Translator("consul");
        var core = await harness.StartControllerAsync(o => o.ResyncPeriod = TimeSpan.Zero, translator: consul);
        foreach (var ns in new[] { "blue", "green" })
        {
            harness.Apply($"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns}}}\n");
        }

        foreach (var name in new[] { "web", "web-v1", "web-v2" })
        {
            harness.Apply(Service("blue", name));
        }

        harness.Apply($$"""
            apiVersion: {{Split}}
            kind: TrafficSplit
            metadata: {name: web-canary, namespace: blue}
            spec:
              service: web
              backends:
              - {service: web-v1, weight: 90}
              - {service: web-v2, weight: 10}
            """);
        await Eventually.HoldsAsync(
            () => harness.Server.Find(Consul, "servicesplitters", "blue", "web") is not null, "the splitter is written");
        await ControllerHarness.WaitIdleAsync(core);

        harness.Apply(Service("green", "web"));
        await Eventually.HoldsAsync(
            () => harness.Server.Find(Consul, "servicesplitters", "blue", "web") is null,
            "the splitter of a colliding service name is withdrawn");
        await Eventually.HoldsAsync(
            () => harness.Condition(harness.Smi(Split, "trafficsplits", "blue", "web-canary"), "Translated")
                == ("False", "ConsulNameCollision"),
            "the split says why");

        await harness.Client.CoreV1.DeleteNamespacedServiceAsync("web", "green");
        await Eventually.HoldsAsync(
            () => harness.Server.Find(Consul, "servicesplitters", "blue", "web") is not null,
            "the splitter is written again once the name is free");
    }

    private static string Service(string ns, string name) => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          selector: {app: {{name}}}
          ports: [{name: http, port: 80, targetPort: 8080}]
        """;
}
