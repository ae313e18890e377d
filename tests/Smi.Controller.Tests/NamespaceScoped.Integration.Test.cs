using Smi.Kube.Rbac;
using Smi.Testing.ApiServer;
using System.Diagnostics;
using Smi.Controller.Reconcile;
using Smi.Testing;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// The controller installed for some namespaces only (<c>smi install --namespaces shop,payments</c>, read from
/// <c>deploy/kustomize/overlays/istio-namespaced</c>), run as its ServiceAccount with RBAC enforced: Roles in the
/// watched namespaces, and a ClusterRole with nothing but the CRD reads and the CA-bundle writes. On a real cluster a
/// cluster-wide list or watch then answers 403 (https://kubernetes.io/docs/reference/access-authn-authz/rbac/, "A
/// RoleBinding grants permissions within a specific namespace").
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class NamespaceScopedIntegrationTest(ITestOutputHelper output)
{
    private const string Split = "split.smi-spec.io/v1alpha4";
    private const string Access = "access.smi-spec.io/v1alpha3";

    [Fact]
    public async Task A_Namespace_Scoped_Install_With_Roles_Only_Converges_Without_Cluster_Wide_Lists_Or_Watches()
    {
        await using var harness = await StartAsync();
        harness.Apply(MonitoringCopy());
        harness.Server.ClearRequests();
        var core = await StartControllerAsync(harness, InstalledRbac.Namespaced("istio"));

        await Eventually.HoldsAsync(() => Converged(harness), "both units converge in the watched namespace");
        await ControllerHarness.WaitIdleAsync(core);
        Assert.Empty(core.MissingPermissions);
        Assert.Null(harness.VirtualService("monitoring", "web"));

        var requests = harness.Server.Requests;
        var refused = requests.Where(r => r.StatusCode == 403).ToList();
        Assert.True(refused.Count == 0, "refused: " + string.Join("; ", refused));
        var clusterWide = requests
            .Where(r => RequestRbac.Of(r) is { Verb: "list" or "watch", Resource: not "customresourcedefinitions" })
            .Where(r => !r.Path.Contains("/namespaces/", StringComparison.Ordinal))
            .ToList();
        Assert.True(clusterWide.Count == 0, "cluster-wide lists or watches: " + string.Join("; ", clusterWide));

        // Each watched namespace is read by get (a Role in it allows that), for Terminating detection.
        Assert.Contains(requests, r => r is { Method: "GET", Path: "/api/v1/namespaces/shop", StatusCode: 200 });
        Assert.Contains(requests, r => r is { Method: "GET", Path: "/api/v1/namespaces/payments", StatusCode: 200 });
    }

    /// <summary>
    /// One rule of the Role in <c>shop</c> removed: the missing permission (verb, group, resource, namespace) is in
    /// the controller's list, its metric and a Warning Event on the controller's Pod; the SMI object that needs it
    /// (if any) says <c>PermissionMissing</c> and gets no output; every other unit converges; the refused request is
    /// repeated with bounded backoff, not in a storm.
    /// </summary>
    [Theory]
    [InlineData("virtualservices", "list", "networking.istio.io", "web-canary")]
    [InlineData("authorizationpolicies", "list", "security.istio.io", "web-to-api")]
    [InlineData("services", "list", "", "web-canary,web-to-api")]
    [InlineData("traffictargets", "list", "access.smi-spec.io", "")]
    [InlineData("trafficsplits/status", "patch", "split.smi-spec.io", "")]
    [InlineData("namespaces", "get", "", "")]
    [InlineData("events", "create", "", "")]
    public async Task A_Missing_Role_Rule_Degrades_Only_What_Needs_It(
        string resource, string verb, string group, string affected)
    {
        var installed = InstalledRbac.Namespaced("istio");
        var (role, index) = installed.Rules().Single(r =>
            (string?)r.Role["metadata"]!["namespace"] == "shop"
            && (string?)r.Role["rules"]![r.Index]!["resources"]![0] == resource);
        await using var harness = await StartAsync();
        var clock = Stopwatch.StartNew();
        var core = await StartControllerAsync(harness, installed.Without(role, index));

        var expected = new MissingPermission(verb, group, resource, "shop");
        await Eventually.HoldsAsync(() => core.MissingPermissions.Contains(expected), $"{expected} is reported");
        var affectedNames = affected.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var splitAffected = affectedNames.Contains("web-canary");
        var accessAffected = affectedNames.Contains("web-to-api");
        await Eventually.HoldsAsync(
            () => (splitAffected || SplitConverged(harness) || resource == "trafficsplits/status")
                && (accessAffected || resource == "traffictargets" || AccessConverged(harness)),
            "every unit that does not need the permission converges");
        foreach (var (apiVersion, plural, name) in new[]
        {
            (Split, "trafficsplits", "web-canary"), (Access, "traffictargets", "web-to-api"),
        }.Where(o => affectedNames.Contains(o.Item3)))
        {
            await Eventually.HoldsAsync(
                () => harness.Condition(harness.Smi(apiVersion, plural, "shop", name), "Translated")
                    == ("False", ControllerCore.PermissionMissingReason),
                $"{name} says which permission is missing");
            var message = (string?)harness.Smi(apiVersion, plural, "shop", name)!["status"]!["conditions"]!
                .AsArray().Single(c => (string?)c!["type"] == "Translated")!["message"];
            Assert.Contains(expected.ToString(), message, StringComparison.Ordinal);
        }

        if (splitAffected)
        {
            Assert.Null(harness.VirtualService("shop", "web"));
        }

        if (accessAffected)
        {
            Assert.Null(harness.AuthorizationPolicy("shop", "smi-api"));
        }

        if (resource == "trafficsplits/status")
        {
            await Eventually.HoldsAsync(
                async () => (await harness.EventsAsync("shop", "web-canary"))
                    .Any(e => e.Reason == ControllerCore.PermissionMissingReason && e.Type == "Warning"),
                "the split whose status may not be written gets a Warning Event");
        }

        await Eventually.HoldsAsync(
            async () => (await harness.EventsAsync(InstalledRbac.Namespace, "controller"))
                .Any(e => e.Reason == ControllerCore.PermissionMissingReason
                    && e.InvolvedObject.Kind == "Pod"
                    && e.Message.Contains(expected.ToString(), StringComparison.Ordinal)),
            "the controller's Pod gets a Warning Event naming the permission");
        Assert.Equal(1, core.Metrics.MissingPermissions.WithLabels(verb, group, resource, "shop").Value);
        var refusals = core.Metrics.Forbidden.WithLabels(verb, group, resource, "shop").Value;
        Assert.True(refusals >= 1, "the refusal is counted");

        // Bounded backoff: one refusal per object or informer, then a few per second at most (MaxQueueBackoff is
        // 2 s); retrying without backoff would be hundreds a second.
        var bound = 20 + (5 * clock.Elapsed.TotalSeconds);
        Assert.True(refusals <= bound, $"{refusals} refusals in {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"{expected}: {refusals} refusals in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private async Task<ControllerHarness> StartAsync()
    {
        var harness = await ControllerHarness.StartAsync(output);
        harness.Apply("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: payments}
            """);
        harness.ApplyFile("canary-basic");
        harness.ApplyFile("access-http-tcp");
        return harness;
    }

    private static async Task<ControllerCore> StartControllerAsync(ControllerHarness harness, InstalledRbac rbac) =>
        await harness.StartControllerAsync(
            o =>
            {
                o.Namespaces = ["shop", "payments"];
                o.NamespacePollInterval = TimeSpan.FromMilliseconds(300);
                o.LeaderElection.Enabled = true;
                o.LeaderElection.LeaseNamespace = InstalledRbac.Namespace;
                o.LeaderElection.RetryPeriod = TimeSpan.FromMilliseconds(200);
            },
            waitIdle: false,
            rbac: rbac);

    private static string MonitoringCopy() =>
        File.ReadAllText(Path.Combine(RepositoryPaths.TestData, "canary-basic", "input.yaml"))
            .Replace("namespace: shop", "namespace: monitoring", StringComparison.Ordinal);

    private static bool Converged(ControllerHarness harness) => SplitConverged(harness) && AccessConverged(harness);

    private static bool SplitConverged(ControllerHarness harness) =>
        harness.VirtualService("shop", "web") is not null
        && harness.Condition(harness.Smi(Split, "trafficsplits", "shop", "web-canary"), "Translated").Status == "True";

    private static bool AccessConverged(ControllerHarness harness) =>
        harness.AuthorizationPolicy("shop", "smi-api") is not null
        && harness.Condition(harness.Smi(Access, "traffictargets", "shop", "web-to-api"), "Translated").Status
            == "True";
}
