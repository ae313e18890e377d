using System.Net;
using System.Text.Json.Nodes;
using Smi.Kube.Rbac;
using Smi.Testing.ApiServer;
using Smi.Webhooks.Manifests;

namespace Smi.Controller.Tests;

/// <summary>
/// The webhook and TrafficMetrics host's share of the shipped RBAC, removed one piece at a time: each CA-bundle rule
/// of the ClusterRole (CRDs, ValidatingWebhookConfiguration, APIServices) and each binding to a default role
/// (<c>extension-apiserver-authentication-reader</c>, <c>system:auth-delegator</c>). Each absence must be refused
/// (a 403 recorded), reported (a Warning or Error log line) and break a feature the test names.
/// </summary>
public sealed partial class SecureServerIntegrationTest
{
    [Fact]
    public async Task Each_Webhook_And_Metrics_Permission_Is_Needed_And_Its_Absence_Is_Reported()
    {
        var controllerRules = ControllerRbac.For(ControllerHarness.Adapters, Installed.Mesh)
            .Select(r => $": {r.Group}/{r.Resource} [{string.Join(",", r.Verbs.Order(StringComparer.Ordinal))}]")
            .ToList();
        var removals = Installed.Rules()
            .Where(r => (string?)r.Role["kind"] == "ClusterRole" && !controllerRules.Any(c =>
                InstalledRbac.Describe(r.Role, r.Index).Contains(c, StringComparison.Ordinal)))
            .Select(r => (What: InstalledRbac.Describe(r.Role, r.Index), Rbac: Installed.Without(r.Role, r.Index)))
            .Concat(Installed.Bindings()
                .Where(b => (string?)b["roleRef"]!["name"] != Installed.Name)
                .Select(b => (What: InstalledRbac.DescribeBinding(b), Rbac: Installed.Without(b))))
            .ToList();

        await using (var baseline = await Setup.StartAsync(output))
        {
            Assert.Empty(await BrokenFeaturesAsync(baseline));
            Assert.DoesNotContain(baseline.Server.Requests, r => r.StatusCode == 403);
        }

        // Three CA-bundle rules and the two delegation bindings.
        Assert.Equal(5, removals.Count);
        var silent = new List<string>();
        var harmless = new List<string>();
        foreach (var (what, rbac) in removals)
        {
            var logs = new CapturedLogs();
            await using var setup = await Setup.StartAsync(output, rbac: rbac, logs: logs);
            var broken = await BrokenFeaturesAsync(setup);
            var forbidden = setup.Server.Requests.Where(r => r.StatusCode == 403)
                .Select(r => $"{r.Method} {r.Path}")
                .Distinct()
                .ToList();
            output.WriteLine(
                $"REMOVED {what}: forbidden: {string.Join("; ", forbidden)}; broken: {string.Join("; ", broken)}; "
                + $"reported: {string.Join(" / ", logs.Lines.Take(2))}");
            if (broken.Count == 0 || forbidden.Count == 0)
            {
                harmless.Add(what);
            }
            else if (!logs.Lines.Any(l => l.Contains("403", StringComparison.Ordinal)
                || l.Contains("forbidden", StringComparison.OrdinalIgnoreCase)))
            {
                silent.Add(what);
            }
        }

        Assert.Empty(harmless);
        Assert.Empty(silent);
    }

    /// <summary>
    /// What no longer works: CA bundles not written, and the metrics API refusing a reader who comes through the
    /// front proxy or with a bearer token (a working API answers 503: no Prometheus is configured).
    /// </summary>
    private static async Task<List<string>> BrokenFeaturesAsync(Setup setup)
    {
        var broken = new List<string>();
        var expected = WebhookManifests.CrdNames()
            .Append(Webhooks.ValidatingWebhookConfigurationName)
            .Concat(Webhooks.ApiServiceNames);
        var missing = expected.Except(setup.Secure.CaBundleWrittenTo).ToList();
        if (missing.Count > 0)
        {
            broken.Add("CA bundle not written to " + string.Join(", ", missing));
        }

        using (var proxied = setup.CreateHttp(setup.Server.FrontProxy.ClientCertificate))
        {
            proxied.DefaultRequestHeaders.Add("X-Remote-User", MetricsReader);
            using var response = await proxied.GetAsync(new Uri(DeploymentsPath, UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                broken.Add($"front-proxy reader gets {(int)response.StatusCode}: {await MessageAsync(response)}");
            }
        }

        var token = setup.Server.IssueToken(new TokenUser(MetricsReader, []));
        using var bearer = setup.CreateHttp(clientCertificate: null);
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using (var response = await bearer.GetAsync(new Uri(DeploymentsPath, UriKind.Relative)))
        {
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                broken.Add($"token reader gets {(int)response.StatusCode}: {await MessageAsync(response)}");
            }
        }

        return broken;
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)?["message"]?.ToString()
        ?? string.Empty;
}
