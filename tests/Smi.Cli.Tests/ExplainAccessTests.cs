using System.Text.Json.Nodes;
using Smi.Cli.Explain;
using Smi.Testing;

namespace Smi.Cli.Tests;

/// <summary>
/// <c>smi explain --from ... --to ...</c>: whether SMI and a mesh's generated resources allow one request, what
/// decides on each side, and exit 4 when they disagree.
/// </summary>
public class ExplainAccessTests
{
    private static string Sample => Path.Combine(RepositoryPaths.Samples, "access-control");

    [Theory]
    [InlineData("istio", "  istio:   allow: ALLOW policy shop/smi-api (rules[1])\n")]
    [InlineData("linkerd", "  linkerd: allow: AuthorizationPolicy ")]
    [InlineData("consul", "  consul:  allow: permission of intention api source web\n")]
    public async Task An_Allowed_Request_Names_The_TrafficTarget_Its_Rules_And_The_Generated_Object(
        string mesh, string generated)
    {
        var run = await CliRun.RunAsync("explain", "--from", "shop/web", "--to", "shop/api", "--port", "8080",
            "--path", "/api/orders", "--mesh", mesh, Sample);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.StartsWith(
            "ServiceAccount shop/web (Deployment web) -> Service shop/api port 8080 (Deployment api, container port "
            + "8080)\n  request: HTTP GET /api/orders\n"
            + "  SMI:     allow: TrafficTarget shop/web-calls-api (HTTPRouteGroup api-routes match api, TCPRoute "
            + "api-http-port)\n",
            run.Out,
            StringComparison.Ordinal);
        Assert.Contains(generated, run.Out, StringComparison.Ordinal);
        Assert.EndsWith($"SMI and {mesh} agree on 1 request(s)\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Request_No_TrafficTarget_Names_Is_Denied_By_Both_Without_Near_Misses()
    {
        var run = await CliRun.RunAsync("explain", "--from", "shop/deploy/api", "--to", "shop/svc/api", "--path",
            "/api/orders", "--mesh", "istio", Sample);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("  SMI:     deny: no TrafficTarget allows it\n  istio:   deny: ", run.Out,
            StringComparison.Ordinal);
        Assert.DoesNotContain("near miss", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("istio", "deny: no rule of 1 ALLOW policies matches")]
    [InlineData("linkerd", "deny: no HTTPRoute of Server api-8080 matches")]
    [InlineData("consul", "deny: permission of intention api source web")]
    public async Task An_Http_Near_Miss_Names_The_TrafficTarget_And_The_Condition_The_Request_Fails(
        string mesh, string generated)
    {
        var run = await CliRun.RunAsync("explain", "--from", "shop/web", "--to", "shop/api", "--method", "delete",
            "--path", "/api/orders", "-H", "x-user=a", "--mesh", mesh, Sample);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("request: HTTP DELETE /api/orders -H 'x-user: a'\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("deny: no TrafficTarget allows it\n", run.Out, StringComparison.Ordinal);
        Assert.Contains(
            "near miss: TrafficTarget shop/web-calls-api\n"
            + "             HTTPRouteGroup api-routes match api: method DELETE is not one of GET, POST\n",
            run.Out,
            StringComparison.Ordinal);
        Assert.Contains($"{mesh}:", run.Out, StringComparison.Ordinal);
        Assert.Contains(generated, run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("DISAGREE", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Path_Near_Miss_Says_Which_Path_Regex_The_Path_Fails()
    {
        var run = await CliRun.RunAsync("explain", "--from", "monitoring/prometheus", "--to", "shop/api", "--path",
            "/healthz", "--mesh", "istio", Sample);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("ServiceAccount monitoring/prometheus (no workload in the input runs as it) -> ", run.Out,
            StringComparison.Ordinal);
        Assert.Contains(
            "near miss: TrafficTarget shop/prometheus-scrapes-api\n"
            + "             HTTPRouteGroup api-routes match metrics: path /healthz does not match pathRegex /metrics\n",
            run.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Workload_Without_Generated_Policy_Is_A_Disagreement_With_Exit_4_Until_Default_Deny()
    {
        var open = await CliRun.RunAsync(
            "explain", "--from", "shop/api", "--to", "shop/deploy/web", "--mesh", "istio", Sample);
        var closed = await CliRun.RunAsync(
            "explain", "--from", "shop/api", "--to", "shop/deploy/web", "--mesh", "istio", "--default-deny", Sample);

        Assert.Equal(ExitCodes.Disagreement, open.ExitCode);
        Assert.Contains("  istio:   allow: no ALLOW policy applies to the workload\n"
            + "  DISAGREE: SMI denies it, istio allows it\n"
            + "SMI and istio disagree on 1 of 1 request(s)\n", open.Out, StringComparison.Ordinal);
        Assert.Contains("DefaultDenyDisabled", open.Error, StringComparison.Ordinal);
        Assert.True(closed.ExitCode == ExitCodes.Success, closed.Error);
        Assert.DoesNotContain("DISAGREE", closed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_TrafficTargets_Are_Explained_On_What_Was_Generated_And_Disagree()
    {
        var run = await CliRun.RunAsync("explain", "--from", "shop/web", "--to", "shop/api", "--method", "DELETE",
            "--path", "/api/orders", "--mesh", "gateway-api", Sample);

        Assert.Equal(ExitCodes.Disagreement, run.ExitCode);
        Assert.Contains("error AccessControlNotTranslated TrafficTarget shop/web-calls-api", run.Error,
            StringComparison.Ordinal);
        Assert.Contains("note: gateway-api refused some input", run.Error, StringComparison.Ordinal);
        Assert.Contains("  gateway-api: allow: Gateway API has no authorization resources (--access-control none)\n"
            + "  DISAGREE: SMI denies it, gateway-api allows it\n", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("istio", "AuthorizationPolicy shop/smi-api")]
    [InlineData("linkerd", null)]
    public async Task Gateway_Api_With_Delegated_Access_Control_Is_Judged_By_That_Mesh_As_Json(
        string accessControl, string? decidedBy)
    {
        var allowed = await CliRun.RunAsync("explain", "--from", "monitoring/prometheus", "--to", "shop/api",
            "--path", "/metrics", "--mesh", "gateway-api", "--access-control", accessControl, "-o", "json", Sample);
        var denied = await CliRun.RunAsync("explain", "--from", "monitoring/prometheus", "--to", "shop/api",
            "--path", "/api/orders", "--mesh", "gateway-api", "--access-control", accessControl, "-o", "json",
            Sample);

        Assert.True(allowed.ExitCode == ExitCodes.Success, allowed.Error);
        var request = JsonNode.Parse(allowed.Out)!["requests"]![0]!;
        Assert.Equal("HTTP GET /metrics", request["request"]!.GetValue<string>());
        Assert.True(request["smi"]!["allowed"]!.GetValue<bool>());
        Assert.Equal("TrafficTarget shop/prometheus-scrapes-api", request["smi"]!["decidedBy"]!.GetValue<string>());
        Assert.Equal("HTTPRouteGroup api-routes match metrics, TCPRoute api-http-port",
            request["smi"]!["rule"]!.GetValue<string>());
        Assert.True(request["generated"]!["allowed"]!.GetValue<bool>());
        Assert.Equal(decidedBy, request["generated"]!["decidedBy"]?.GetValue<string>());
        Assert.True(request["agree"]!.GetValue<bool>());
        Assert.True(denied.ExitCode == ExitCodes.Success, denied.Error);
        var deniedRequest = JsonNode.Parse(denied.Out)!["requests"]![0]!;
        Assert.False(deniedRequest["smi"]!["allowed"]!.GetValue<bool>());
        Assert.False(deniedRequest["generated"]!["allowed"]!.GetValue<bool>());
        Assert.Equal("TrafficTarget shop/prometheus-scrapes-api",
            deniedRequest["smi"]!["nearMisses"]![0]!["trafficTarget"]!.GetValue<string>());
        Assert.Equal(0, JsonNode.Parse(denied.Out)!["disagreements"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_Plain_Tcp_Connection_Misses_The_Http_Rules()
    {
        var run = await CliRun.RunAsync("explain", "--from", "shop/web", "--to", "shop/api", "--protocol", "tcp",
            "--mesh", "istio", "-o", "yaml", Sample);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("request: a TCP connection\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("rule: TCP traffic matches no HTTPRouteGroup rule (api-routes)\n", run.Out,
            StringComparison.Ordinal);
        Assert.Contains("disagreements: 0\n", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--split", "shop/web", "--from", "shop/web", "--to", "shop/api")]
    [InlineData("--from", "shop/web")]
    [InlineData("--from", "shop/web", "--to", "shop/api", "--protocol", "tcp", "--path", "/x")]
    [InlineData("--from", "shop/web", "--to", "shop/api", "--path", "api")]
    [InlineData("--from", "shop/widget/web", "--to", "shop/api")]
    [InlineData("--from", "shop/web", "--to", "shop/api", "-H", "novalue")]
    [InlineData("--split", "shop/web", "-o", "json")]
    [InlineData("--port", "8080")]
    public async Task Wrong_Options_Are_Usage_Errors(params string[] args)
    {
        var run = await CliRun.RunAsync([.. "explain --mesh istio".Split(' '), .. args, Sample]);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [InlineData("shop/svc/nope", "shop/api", "Service shop/nope is not in the input")]
    [InlineData("shop/web", "shop/nope", "Service shop/nope is not in the input")]
    [InlineData("shop/web", "shop/pod/api-0", "Pod shop/api-0 is not in the input (a pod that a Deployment")]
    [InlineData("shop/web", "shop/api --port 9090", "Service shop/api has no port 9090; its ports: 8080 (http)")]
    public async Task Endpoints_The_Input_Lacks_Are_Input_Errors(string from, string to, string expected)
    {
        var run = await CliRun.RunAsync(
            [.. "explain --mesh istio --from".Split(' '), from, "--to", .. to.Split(' '), Sample]);

        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [InlineData("web", "ServiceAccount", "ServiceAccount shop/web")]
    [InlineData("prod/web", "ServiceAccount", "ServiceAccount prod/web")]
    [InlineData("deploy/web", "ServiceAccount", "Deployment shop/web")]
    [InlineData("prod/po/web-0", "Service", "Pod prod/web-0")]
    [InlineData("prod/sa/svc", "Service", "ServiceAccount prod/svc")]
    [InlineData("rs/web-5d9", "Service", "ReplicaSet shop/web-5d9")]
    public void Endpoints_Read_Kubectl_Kind_Names(string text, string defaultKind, string expected) =>
        Assert.Equal(expected, AccessEndpoint.Parse(text, "shop", defaultKind, out _)?.ToString());

    [Fact]
    public async Task Explain_Reads_The_Request_From_The_Cluster_As_From_Files()
    {
        await using var cluster = await LiveCluster.StartAsync();
        cluster.Seed("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
        cluster.Seed(File.ReadAllText(Path.Combine(Sample, "access-control.yaml")));
        string[] request = ["explain", "--from", "shop/web", "--to", "shop/api", "--method", "DELETE", "--path",
            "/api/orders", "--mesh", "linkerd"];

        var fromFiles = await CliRun.RunAsync([.. request, Sample]);
        var fromCluster = await CliRun.RunAsync([.. request, "--kubeconfig", cluster.Kubeconfig]);

        Assert.True(fromCluster.ExitCode == ExitCodes.Success, fromCluster.Error);
        Assert.Contains("near miss: TrafficTarget shop/web-calls-api", fromCluster.Out, StringComparison.Ordinal);
        Assert.Equal(fromFiles.Out, fromCluster.Out);
        Assert.DoesNotContain(cluster.Server.Requests, r => r.IsWrite);
    }
}
