namespace Smi.Cli.Tests;

/// <summary>
/// Inputs that once crashed the tool or were accepted silently: each is refused with exit code 1 and a diagnostic,
/// never a stack trace.
/// </summary>
public class HostileInputTests
{
    private const string SplitHead = """
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: s, namespace: shop}
        spec:
          service: web

        """;

    private const string TargetHead = """
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: t, namespace: shop}
        spec:
          destination: {kind: ServiceAccount, name: api, namespace: shop}

        """;

    private const string GroupHead = """
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: HTTPRouteGroup
        metadata: {name: g, namespace: shop}
        spec:

        """;

    private const string ServiceHead = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:

        """;

    public static TheoryData<string, string, string> Inputs => new()
    {
        { "self-referencing alias", "a: &x [1, *x]\n", "MalformedYaml" },
        { "alias bomb", AliasBomb(), "MalformedYaml" },
        { "anchor on a manifest", SplitHead + "  backends: &b [{service: web-v1, weight: 1}]\n", "MalformedYaml" },
        { "nesting of 20,000 sequences", new string('[', 20_000) + new string(']', 20_000) + "\n", "MalformedYaml" },
        { "nesting of 5,000 mappings", Nested(5_000), "MalformedYaml" },
        { "flow mapping broken by a newline", "a: {b: c\nd}\n", "MalformedYaml" },
        { "null backend", SplitHead + "  backends: [null, {service: web-v1, weight: 1}]\n", "InvalidField" },
        {
            "null match",
            SplitHead + "  backends: [{service: web-v1, weight: 1}]\n  matches: [null]\n",
            "InvalidField"
        },
        { "null source", TargetHead + "  sources: [null]\n  rules: [{kind: TCPRoute, name: tcp}]\n", "InvalidField" },
        {
            "null rule",
            TargetHead + "  sources: [{kind: ServiceAccount, name: web}]\n  rules: [null]\n",
            "InvalidField"
        },
        { "null route match", GroupHead + "  matches: [null]\n", "InvalidField" },
        { "null header", GroupHead + "  matches: [{name: m, headers: [null]}]\n", "InvalidField" },
        {
            "null header value (map)",
            GroupHead + "  matches: [{name: m, headers: {user-agent: null}}]\n",
            "InvalidField"
        },
        {
            "null header value (list)",
            GroupHead + "  matches: [{name: m, headers: [{user-agent: null}]}]\n",
            "InvalidField"
        },
        { "null Service port", ServiceHead + "  ports: [null]\n", "InvalidField" },
        { "boolean targetPort", ServiceHead + "  ports: [{port: 80, targetPort: true}]\n", "InvalidField" },
        { "numeric namespace", SplitHead.Replace("namespace: shop", "namespace: 5", StringComparison.Ordinal)
            + "  backends: [{service: web-v1, weight: 1}]\n", "InvalidField" },
        { "null weight", SplitHead + "  backends: [{service: web-v1, weight: null}]\n", "InvalidField" },
        {
            "weight 1e19",
            SplitHead + "  backends: [{service: web-v1, weight: 10000000000000000000}]\n",
            "InvalidWeight"
        },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Hostile_Input_Is_A_Diagnostic_Not_A_Crash(string what, string input, string reason)
    {
        var run = await CliRun.RunWithInputAsync(input, "validate", "-");
        Assert.True(run.ExitCode == ExitCodes.InputErrors, $"{what}: exit {run.ExitCode}\n{run.Out}\n{run.Error}");
        Assert.Contains($"error {reason}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Value_Of_The_Wrong_Type_Is_Said_In_Kubernetes_Words()
    {
        var run = await CliRun.RunWithInputAsync(
            ServiceHead + "  ports: [{port: 80, name: 1}]\n",
            "validate",
            "-");
        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains("error InvalidField Service shop/web spec.ports[0].name", run.Error, StringComparison.Ordinal);
        Assert.Contains("expected a string, got a number", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_List_Item_Is_Named_By_Its_Path()
    {
        var run = await CliRun.RunWithInputAsync(ServiceHead + "  ports: [{port: 80}, null]\n", "validate", "-");
        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains("error InvalidField Service shop/web spec.ports[1]", run.Error, StringComparison.Ordinal);
    }

    private static string AliasBomb()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 10; i++)
        {
            var previous = $"*a{i - 1}";
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat(previous, 9))}]");
        }

        return string.Join('\n', lines) + "\n";
    }

    private static string Nested(int depth) =>
        "a: " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth) + "\n";
}
