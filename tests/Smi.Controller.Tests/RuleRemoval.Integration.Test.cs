using System.Diagnostics;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// The controller runs as the installed ServiceAccount with one shipped RBAC rule removed at a time, for a short
/// bounded pass each. Every rule the controller's own code paths need must be missed (a 403 is recorded) and the
/// failure must be reported (a Warning log line naming the refusal, a Warning Event or a False condition); rules the
/// pass does not exercise are listed, and only the webhook host's may be among them (its CA-bundle writes to the
/// CRDs, the ValidatingWebhookConfiguration and the APIServices are not part of the controller core).
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class RuleRemovalIntegrationTest(ITestOutputHelper output)
{
    /// <summary>How long a pass with one rule removed runs (refusals come in the first second or two).</summary>
    private static readonly TimeSpan PassLength = TimeSpan.FromSeconds(6);

    /// <summary>How long the pass with every rule gets to converge (leader election included).</summary>
    private static readonly TimeSpan BaselineLength = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Each_Shipped_Rule_Is_Needed_And_Its_Absence_Is_Reported()
    {
        var installed = InstalledRbac.For("istio");
        var baseline = await RunAsync(installed, BaselineLength);
        Assert.True(baseline.Converged, "with the shipped RBAC the controller converges");
        Assert.Empty(baseline.Forbidden);

        var controllerRules = ControllerRbac.For(ControllerHarness.Adapters, "istio")
            .Select(r => $"{r.Group}/{r.Resource} [{string.Join(",", r.Verbs.Order(StringComparer.Ordinal))}]")
            .ToHashSet(StringComparer.Ordinal);
        var unexercised = new List<string>();
        var silent = new List<string>();
        foreach (var (role, index) in installed.Rules().ToList())
        {
            var rule = InstalledRbac.Describe(role, index);
            var pass = await RunAsync(installed.Without(role, index), PassLength);
            output.WriteLine(
                $"RULE {rule}: converged={pass.Converged}; forbidden: {string.Join("; ", pass.Forbidden)}; "
                + $"reported: {string.Join(" / ", pass.Reports.Take(2))}");
            var controllers = controllerRules.Any(r => rule.Contains(": " + r, StringComparison.Ordinal));
            if (pass.Forbidden.Count == 0)
            {
                unexercised.Add(rule + (controllers ? string.Empty : " (webhook host)"));
            }
            else if (pass.Reports.Count == 0)
            {
                silent.Add(rule);
            }
        }

        output.WriteLine("NOT EXERCISED: " + string.Join("; ", unexercised));
        Assert.Empty(silent);
        Assert.DoesNotContain(unexercised, u => !u.EndsWith("(webhook host)", StringComparison.Ordinal));
    }

    private async Task<Pass> RunAsync(InstalledRbac rbac, TimeSpan length)
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.ApplyFile("canary-basic");
        harness.ApplyFile("access-http-tcp");

        // An IdentityBinding and a UDPRoute, so their status rules are exercised too.
        harness.Apply("""
            apiVersion: access.smi-spec.io/v1alpha4
            kind: IdentityBinding
            metadata: {name: api-id, namespace: shop}
            spec:
              schemes:
                serviceAccount: api
            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: UDPRoute
            metadata: {name: dns-udp, namespace: shop}
            spec:
              matches:
                ports: [53]
            """);
        var logs = new CapturedLogs();
        var start = harness.StartControllerAsync(
            o =>
            {
                o.WatchPods = true;
                o.LeaderElection.Enabled = true;
                o.LeaderElection.LeaseNamespace = InstalledRbac.Namespace;
                o.LeaderElection.RetryPeriod = TimeSpan.FromMilliseconds(200);
            },
            waitIdle: false,
            rbac: rbac,
            logs: logs);
        var reports = new List<string>();
        try
        {
            await start.WaitAsync(length);
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            reports.Add("start failed: " + e.Message);
        }

        var converged = false;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < length && !(converged = Converged(harness)))
        {
            await Task.Delay(100);
        }

        if (converged)
        {
            // Let the pass finish what follows convergence (status, Events, lease renewals).
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var forbidden = harness.Server.Requests.Where(r => r.StatusCode == 403)
            .Select(r => $"{(r.IsWatch ? "WATCH" : r.Method)} {r.Path}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        reports.AddRange(logs.Lines.Where(l => l.Contains("forbidden", StringComparison.OrdinalIgnoreCase)
            || l.Contains("refused", StringComparison.Ordinal)
            || l.Contains("403", StringComparison.Ordinal)));
        (string ApiVersion, string Plural, string Name)[] smiObjects =
        [
            ("split.smi-spec.io/v1alpha4", "trafficsplits", "web-canary"),
            ("access.smi-spec.io/v1alpha3", "traffictargets", "web-to-api"),
        ];
        foreach (var (apiVersion, plural, name) in smiObjects)
        {
            if (harness.Condition(harness.Smi(apiVersion, plural, "shop", name), "Translated") is ("False", var reason))
            {
                reports.Add($"{plural}/{name} Translated=False {reason}");
            }
        }

        var events = (await harness.EventsAsync("shop", "web-canary"))
            .Concat(await harness.EventsAsync("shop", "web-to-api"));
        reports.AddRange(events.Where(e => e.Type == "Warning")
            .Select(e => $"Event {e.Reason}: {e.Message}"));
        return new Pass(converged, forbidden, reports);
    }

    private static bool Converged(ControllerHarness harness) =>
        harness.VirtualService("shop", "web") is not null
        && harness.AuthorizationPolicy("shop", "smi-api") is not null
        && Translated(harness, "split.smi-spec.io/v1alpha4", "trafficsplits", "web-canary")
        && Translated(harness, "access.smi-spec.io/v1alpha3", "traffictargets", "web-to-api");

    private static bool Translated(ControllerHarness harness, string apiVersion, string plural, string name) =>
        harness.Condition(harness.Smi(apiVersion, plural, "shop", name), "Translated").Status == "True";

    private sealed record Pass(bool Converged, IReadOnlyList<string> Forbidden, IReadOnlyList<string> Reports);
}
