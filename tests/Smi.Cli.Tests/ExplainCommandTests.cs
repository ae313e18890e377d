using Smi.Cli.Explain;
using Smi.Testing;

namespace Smi.Cli.Tests;

public class ExplainCommandTests
{
    private const string Services = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {selector: {app: web}, ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-0, namespace: shop}
        spec: {selector: {app: web, v: "0"}, ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-1, namespace: shop}
        spec: {selector: {app: web, v: "1"}, ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-2, namespace: shop}
        spec: {selector: {app: web, v: "2"}, ports: [{port: 80}]}

        """;

    private const string PlainSplit = Services + """
        ---
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: plain, namespace: shop}
        spec:
          service: web
          backends: [{service: web-0, weight: 1}, {service: web-1, weight: 1}, {service: web-2, weight: 1}]
        """;

    private const string HeaderSplit = Services + """
        ---
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: HTTPRouteGroup
        metadata: {name: canary-group, namespace: shop}
        spec:
          matches:
          - name: canary
            pathRegex: "/api|/status$"
            methods: [POST]
            headers:
            - X-Canary: "on|yes"
        ---
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: web-ab, namespace: shop}
        spec:
          service: web
          matches: [{kind: HTTPRouteGroup, name: canary-group}]
          backends: [{service: web-2, weight: 100}]
        ---
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: web-split, namespace: shop}
        spec:
          service: web
          backends: [{service: web-0, weight: 3}, {service: web-1, weight: 1}]
        """;

    [Theory]
    [InlineData("istio")]
    [InlineData("linkerd")]
    [InlineData("gateway-api")]
    [InlineData("consul")]
    public async Task Explain_OfTheAbSample_ShowsEachRequestClass_AndAgreement(string mesh)
    {
        var run = await CliRun.RunAsync(
            "explain", "--split", "shop/checkout", "--mesh", mesh, Path.Combine(RepositoryPaths.Samples, "ab-testing"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var lines = run.Out.Split('\n');
        var ab = Array.IndexOf(lines,
            "  requests matching HTTPRouteGroup firefox-users match firefox-checkout (TrafficSplit checkout-ab)");
        Assert.True(ab >= 0, run.Out);
        Assert.StartsWith("    sample: ", lines[ab + 1], StringComparison.Ordinal);
        Assert.Contains("GET /checkout -H 'user-agent: ", lines[ab + 1], StringComparison.Ordinal);
        Assert.StartsWith("    SMI: ", lines[ab + 2], StringComparison.Ordinal);
        Assert.EndsWith(" checkout-v2 100%", lines[ab + 2], StringComparison.Ordinal);
        Assert.StartsWith($"    {mesh}: ", lines[ab + 3], StringComparison.Ordinal);
        Assert.EndsWith(" checkout-v2 100%", lines[ab + 3], StringComparison.Ordinal);
        var other = Array.IndexOf(lines, "  requests matching no A/B TrafficSplit");
        Assert.True(other > ab, run.Out);
        Assert.EndsWith(" GET /", lines[other + 1], StringComparison.Ordinal);
        Assert.EndsWith(" checkout 100%", lines[other + 2], StringComparison.Ordinal);
        Assert.EndsWith(" checkout 100%", lines[other + 3], StringComparison.Ordinal);
        Assert.Contains($"SMI and {mesh} agree on every request class", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("DISAGREE", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_ComparesEachRootPort_OnItsOwn()
    {
        // web-1 lacks the root's port 8080: SMI leaves it out there, and Istio's per-port route does too.
        const string input = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {selector: {app: web}, ports: [{name: http, port: 80}, {name: admin, port: 8080}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web-0, namespace: shop}
            spec: {selector: {app: web, v: "0"}, ports: [{name: http, port: 80}, {name: admin, port: 8080}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web-1, namespace: shop}
            spec: {selector: {app: web, v: "1"}, ports: [{name: http, port: 80}]}
            ---
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: halves, namespace: shop}
            spec:
              service: web
              backends: [{service: web-0, weight: 1}, {service: web-1, weight: 1}]
            """;

        var run = await CliRun.RunWithInputAsync(input, "explain", "--split", "shop/web", "--mesh", "istio", "-");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains(
            "Service shop/web port 80, mesh istio\n  every request\n    sample: GET /\n"
            + "    SMI:    web-0 50%, web-1 50%\n    istio:  web-0 50%, web-1 50%\n"
            + "Service shop/web port 8080, mesh istio\n  every request\n    sample: GET /\n"
            + "    SMI:    web-0 100%\n    istio:  web-0 100%\n"
            + "SMI and istio agree on every request class (within 0.5 point)\n",
            run.Out,
            StringComparison.Ordinal);
        Assert.Contains("BackendPortMissing", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_BuildsARequestThatTheAbMatchAccepts_AndOneThatNoMatchAccepts()
    {
        var run = await CliRun.RunWithInputAsync(HeaderSplit, "explain", "--split", "web", "-n", "shop", "--mesh",
            "linkerd", "-");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("match canary (TrafficSplit web-ab)\n    sample:  POST /api -H 'X-Canary: on'\n"
            + "    SMI:     web-2 100%\n    linkerd: web-2 100%\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("  requests matching no A/B TrafficSplit\n    sample:  GET /\n"
            + "    SMI:     web-0 75%, web-1 25%\n    linkerd: web-0 75%, web-1 25%\n",
            run.Out, StringComparison.Ordinal);
        Assert.Contains("SMI and linkerd agree on every request class", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api|/status$", new[] { "/api", "/status" })]
    [InlineData("^/v[0-9]+/items.*", new[] { "/v0/items" })]
    [InlineData(@"/(?:a|b)\d{2}", new[] { "/a0" })]
    [InlineData(".*Firefox.*", new[] { "Firefox" })]
    [InlineData("a.b+c?", new[] { "axb" })]
    public void RegexSample_GuessesOneStringPerAlternative(string pattern, string[] expected) =>
        Assert.Equal(expected, RegexSample.Candidates(pattern));

    [Fact]
    public async Task Explain_OfARootWithoutTrafficSplit_IsAnInputError()
    {
        var run = await CliRun.RunWithInputAsync(
            PlainSplit, "explain", "--split", "shop/web-1", "--mesh", "istio", "-");

        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains("no TrafficSplit has the root Service shop/web-1", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public async Task Explain_OfBrokenInput_IsAnInputError()
    {
        const string input = """
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: bad, namespace: shop}
            spec: {service: web, backends: [{service: web-v1, weight: -5}]}
            """;

        var run = await CliRun.RunWithInputAsync(input, "explain", "--split", "shop/web", "--mesh", "consul", "-");

        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [InlineData("shop/web/x")]
    [InlineData("shop/")]
    public async Task Explain_WithAMalformedRoot_IsAUsageError(string root)
    {
        var run = await CliRun.RunWithInputAsync(PlainSplit, "explain", "--split", root, "--mesh", "istio", "-");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("expected NAMESPACE/NAME", run.Error, StringComparison.Ordinal);
    }
}
