using Smi.Kube.Rbac;
using Smi.Testing.ApiServer;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

[Collection(IntegrationTestCollection.Name)]
public sealed class ScopeIntegrationTest(ITestOutputHelper output)
{
    [Fact]
    public async Task Watched_Namespaces_Limit_What_Is_Translated()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync(o =>
        {
            o.Namespaces = ["monitoring"];
            o.WatchPods = true;
        });
        harness.ApplyFile("canary-basic");
        harness.Apply(File.ReadAllText(Path.Combine(Smi.Testing.RepositoryPaths.TestData, "canary-basic", "input.yaml")).Replace("namespace: shop", "namespace: monitoring", StringComparison.Ordinal));
        await Eventually.HoldsAsync(() => harness.VirtualService("monitoring", "web") is not null, "the watched namespace is translated");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Null(harness.VirtualService("shop", "web"));
    }

    [Fact]
    public async Task Every_Request_Is_Covered_By_The_Rbac_Rules()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.Server.ClearRequests();
        var core = await harness.StartControllerAsync(o =>
        {
            o.WatchPods = true;
            o.LeaderElection.Enabled = true;
            o.LeaderElection.LeaseNamespace = InstalledRbac.Namespace;
            o.LeaderElection.RetryPeriod = TimeSpan.FromMilliseconds(200);
        });
        harness.ApplyFile("canary-basic");
        harness.ApplyFile("access-http-tcp");
        harness.Apply("""
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: broken, namespace: monitoring}
            spec:
              service: api
              backends: []
            """);
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is not null && harness.AuthorizationPolicy("shop", "smi-api") is not null, "both outputs exist");
        await harness.DeleteSmiAsync("split.smi-spec.io", "v1alpha4", "trafficsplits", "shop", "web-canary");
        await harness.DeleteSmiAsync("access.smi-spec.io", "v1alpha3", "traffictargets", "shop", "web-to-api");
        await harness.DeleteSmiAsync("access.smi-spec.io", "v1alpha3", "traffictargets", "shop", "prometheus-to-api");
        await Eventually.HoldsAsync(() => harness.AuthorizationPolicy("shop", "smi-api") is null, "the policy is pruned");
        await ControllerHarness.WaitIdleAsync(core);
        await harness.StopAsync(core);

        var rules = ControllerRbac.For(ControllerHarness.Adapters, "istio");
        var needed = harness.Server.Requests
            .Where(r => !(r.Method == "DELETE" && r.Path.Contains("/apis/split.smi-spec.io", StringComparison.Ordinal)) && !(r.Method == "DELETE" && r.Path.Contains("/traffictargets/", StringComparison.Ordinal)))
            .Select(RequestRbac.Of)
            .OfType<(string Group, string Resource, string Verb)>()
            .Distinct()
            .ToList();
        Assert.Contains(needed, n => n.Verb == "patch" && n.Resource == "virtualservices");
        Assert.Contains(needed, n => n.Verb == "delete" && n.Resource == "authorizationpolicies");
        Assert.Contains(needed, n => n.Resource == "leases");
        Assert.Contains(needed, n => n.Resource == "trafficsplits/status");
        Assert.All(needed, n => Assert.True(ControllerRbac.Allows(rules, n.Group, n.Resource, n.Verb), $"no rule allows {n.Verb} {n.Resource} in group '{n.Group}'"));
    }
}
