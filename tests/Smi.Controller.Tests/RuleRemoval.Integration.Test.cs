using System.Diagnostics;
using Smi.Abstractions;
using Smi.Abstractions.Translation;
using Smi.Kube.Rbac;
using Smi.Testing.ApiServer;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// The controller runs as the installed ServiceAccount with one shipped RBAC rule removed at a time, for a short
/// bounded pass each. Every rule the controller's own code paths need must be missed (a 403 is recorded) and the
/// failure must be reported (a Warning log line naming the refusal, a Warning Event or a False condition); rules the
/// pass does not exercise are listed, and only the webhook host's may be among them (its CA-bundle writes to the
/// CRDs, the ValidatingWebhookConfiguration and the APIServices are removed one by one in
/// <see cref="SecureServerIntegrationTest"/>'s rule-removal test).
/// </summary>
/// <remarks>
/// Istio's pass removes every rule. The other meshes' installs are checked to hold the very same rules apart from
/// their output kinds (with their own names), so their passes remove only the rules of their output kinds: the
/// controller core's use of the shared rules does not depend on the mesh.
/// </remarks>
[Collection(IntegrationTestCollection.Name)]
public sealed class RuleRemovalIntegrationTest(ITestOutputHelper output)
{
    /// <summary>The longest a pass with one rule removed runs (refusals come in the first second or two).</summary>
    private static readonly TimeSpan PassLength = TimeSpan.FromSeconds(6);

    /// <summary>How long the pass with every rule gets to converge (leader election included).</summary>
    private static readonly TimeSpan BaselineLength = TimeSpan.FromSeconds(20);

    private static readonly string[] Cases = ["canary-basic", "access-http-tcp"];

    [Theory]
    [InlineData("istio")]
    [InlineData("linkerd")]
    [InlineData("consul")]
    [InlineData("gateway-api")]
    public async Task Each_Shipped_Rule_Is_Needed_And_Its_Absence_Is_Reported(string mesh)
    {
        var installed = InstalledRbac.For(mesh);
        var translator = ControllerHarness.Translator(mesh);
        var outputs = ControllerHarness.ExpectedOutputs(translator, Cases);
        Assert.NotEmpty(outputs);
        var baseline = await RunAsync(installed, translator, outputs, BaselineLength, expected: new HashSet<string>());
        Assert.True(baseline.Converged, "with the shipped RBAC the controller converges");
        Assert.Empty(baseline.Forbidden);

        // What the translator itself reports (Gateway API's TrafficTarget is Translated=False
        // AccessControlNotTranslated) is no sign of a missing rule.
        var expected = baseline.Reports.ToHashSet(StringComparer.Ordinal);

        var controllerRules = ControllerRbac.For(ControllerHarness.Adapters, mesh)
            .Select(r => $"{r.Group}/{r.Resource} [{string.Join(",", r.Verbs.Order(StringComparer.Ordinal))}]")
            .ToHashSet(StringComparer.Ordinal);
        var outputRules = ControllerHarness.Adapters.OutputKinds(mesh).Select(k => $": {k.Group}/{k.Plural} [").ToList();
        var istioRules = InstalledRbac.For("istio").Rules()
            .Select(r => InstalledRbac.Describe(r.Role, r.Index))
            .ToHashSet(StringComparer.Ordinal);
        var unexercised = new List<string>();
        var silent = new List<string>();
        foreach (var (role, index) in installed.Rules().ToList())
        {
            var rule = InstalledRbac.Describe(role, index);
            if (mesh != "istio" && !outputRules.Any(o => rule.Contains(o, StringComparison.Ordinal)))
            {
                // Shared with the Istio install (whose pass removes it), apart from the names.
                var asIstio = rule.Replace(installed.Name, "smi-adapter-istio", StringComparison.Ordinal);
                Assert.Contains(asIstio, istioRules);
                continue;
            }

            var pass = await RunAsync(installed.Without(role, index), translator, outputs, PassLength, expected);
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

    private async Task<Pass> RunAsync(
        InstalledRbac rbac,
        IMeshTranslator translator,
        IReadOnlyList<ResourceRef> outputs,
        TimeSpan length,
        IReadOnlySet<string> expected)
    {
        // The experimental channel serves TCPRoute, an output kind of Linkerd's and Gateway API's adapters.
        await using var harness = await ControllerHarness.StartAsync(
            output, allMeshes: true, experimentalGatewayApi: true);
        foreach (var name in Cases)
        {
            harness.ApplyFile(name);
        }

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
        var clock = Stopwatch.StartNew();
        var start = harness.StartControllerAsync(
            o =>
            {
                o.Mesh = translator.Mesh;
                o.WatchPods = true;
                o.LeaderElection.Enabled = true;
                o.LeaderElection.LeaseNamespace = InstalledRbac.Namespace;
                o.LeaderElection.RetryPeriod = TimeSpan.FromMilliseconds(200);
            },
            waitIdle: false,
            translator: translator,
            rbac: rbac,
            logs: logs);
        var startFailure = new List<string>();
        try
        {
            await start.WaitAsync(length);
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            startFailure.Add("start failed: " + e.Message);
        }

        // Until it converges, or until a refusal has been recorded and reported (the pass has shown what it must).
        var converged = false;
        while (clock.Elapsed < length && !(converged = Converged(harness, outputs)))
        {
            if (Forbidden(harness).Count > 0
                && (startFailure.Count > 0 || (await ReportsAsync(harness, logs, expected)).Count > 0))
            {
                break;
            }

            await Task.Delay(100);
        }

        if (converged)
        {
            // Let the pass finish what follows convergence (status, Events, lease renewals).
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var reports = await ReportsAsync(harness, logs, expected);
        return new Pass(converged, Forbidden(harness), [.. startFailure, .. reports]);
    }

    private static List<string> Forbidden(ControllerHarness harness) =>
        [.. harness.Server.Requests.Where(r => r.StatusCode == 403)
            .Select(r => $"{(r.IsWatch ? "WATCH" : r.Method)} {r.Path}")
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// How the pass reported refusals: Warning log lines, False conditions and Warning Events, except those
    /// <paramref name="expected"/> (the pass with every rule reports them too).
    /// </summary>
    private static async Task<List<string>> ReportsAsync(
        ControllerHarness harness, CapturedLogs logs, IReadOnlySet<string> expected)
    {
        var reports = logs.Lines.Where(l => l.Contains("forbidden", StringComparison.OrdinalIgnoreCase)
            || l.Contains("refused", StringComparison.Ordinal)
            || l.Contains("403", StringComparison.Ordinal)).ToList();
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
        return [.. reports.Where(r => !expected.Contains(r))];
    }

    private static bool Converged(ControllerHarness harness, IReadOnlyList<ResourceRef> outputs) =>
        outputs.All(r => harness.Output(r) is not null)
        && Translated(harness, "split.smi-spec.io/v1alpha4", "trafficsplits", "web-canary")
        && Reconciled(harness, "access.smi-spec.io/v1alpha3", "traffictargets", "web-to-api");

    private static bool Translated(ControllerHarness harness, string apiVersion, string plural, string name) =>
        harness.Condition(harness.Smi(apiVersion, plural, "shop", name), "Translated").Status == "True";

    /// <summary>Whether the object has a Translated condition (False where the mesh cannot translate it).</summary>
    private static bool Reconciled(ControllerHarness harness, string apiVersion, string plural, string name) =>
        harness.Condition(harness.Smi(apiVersion, plural, "shop", name), "Translated").Status is "True" or "False";

    private sealed record Pass(bool Converged, IReadOnlyList<string> Forbidden, IReadOnlyList<string> Reports);
}
