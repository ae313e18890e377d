using System.Text.Json.Nodes;
using Smi.Cli.Install;
using Smi.Kube.Rbac;

namespace Smi.Cli.Tests;

/// <summary><c>smi install --namespaces a,b</c>: Roles in the watched namespaces, not cluster-wide grants.</summary>
public class InstallNamespacedTests
{
    public static TheoryData<string> Meshes => ["consul", "gateway-api", "istio", "linkerd"];

    private static Task<List<JsonObject>> InstallAsync(params string[] extra) =>
        InstallCommandTests.InstallAsync(extra);

    private static IEnumerable<JsonObject> OfKind(IEnumerable<JsonObject> objects, string kind) =>
        InstallCommandTests.OfKind(objects, kind);

    private static string Resource(JsonNode? rule) => (string)rule!["resources"]![0]!;

    private static List<string> Verbs(JsonNode? rule) => [.. rule!["verbs"]!.AsArray().Select(v => (string)v!)];

    [Theory]
    [MemberData(nameof(Meshes))]
    public async Task Each_Watched_Namespace_Gets_A_Role_And_Only_Unavoidable_Grants_Stay_Cluster_Wide(string mesh)
    {
        var objects = await InstallAsync("--mesh", mesh, "--namespaces", "shop,payments");
        var name = $"smi-adapter-{mesh}";

        // The ClusterRole: CRD reads, and CA-bundle writes by name; each reason is written on it.
        var clusterRole = Assert.Single(OfKind(objects, "ClusterRole"));
        var clusterRules = clusterRole["rules"]!.AsArray();
        Assert.All(clusterRules, r => Assert.True(
            r!["resourceNames"] is not null || Resource(r) == "customresourcedefinitions",
            $"{Resource(r)} is granted cluster-wide without a name"));
        Assert.Contains(clusterRules, r => Resource(r) == "customresourcedefinitions"
            && Verbs(r).SequenceEqual(["get", "list", "watch"]));
        var reason = (string?)clusterRole["metadata"]!["annotations"]![NamespacedRbac.ReasonAnnotation];
        Assert.Contains("customresourcedefinitions", reason, StringComparison.Ordinal);
        var delegator = Assert.Single(
            OfKind(objects, "ClusterRoleBinding"), b => (string?)b["roleRef"]!["name"] == "system:auth-delegator");
        Assert.NotNull(delegator["metadata"]!["annotations"]?[NamespacedRbac.ReasonAnnotation]);

        // Each watched namespace: every rule of the controller but CRDs and Leases; Namespaces by get only.
        var roles = OfKind(objects, "Role").ToDictionary(r => (string)r["metadata"]!["namespace"]!);
        Assert.Equal(["payments", "shop", "smi-system"], roles.Keys.Order(StringComparer.Ordinal));
        var expected = ControllerRbac.For(MeshRegistration.Adapters(), mesh)
            .Where(r => r.Resource is not ("customresourcedefinitions" or "leases"))
            .Select(r => (r.Group, r.Resource, Verbs: r.Resource == "namespaces" ? ["get"] : r.Verbs))
            .Select(r => $"{r.Group}/{r.Resource} [{string.Join(",", r.Verbs)}]")
            .Order(StringComparer.Ordinal);
        foreach (var ns in new[] { "shop", "payments" })
        {
            var granted = roles[ns]["rules"]!.AsArray()
                .Select(r => $"{(string)r!["apiGroups"]![0]!}/{Resource(r)} [{string.Join(",", Verbs(r))}]")
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, granted);
            Assert.Single(OfKind(objects, "RoleBinding"), b => (string?)b["metadata"]!["namespace"] == ns
                && (string?)b["roleRef"]!["name"] == name && (string?)b["roleRef"]!["kind"] == "Role");
        }

        // The controller's namespace: its Lease and the Events about itself.
        Assert.Equal(
            ["events", "leases", "leases"],
            roles["smi-system"]["rules"]!.AsArray().Select(Resource).Order(StringComparer.Ordinal));
        var pod = Assert.Single(OfKind(objects, "Deployment"))["spec"]!["template"]!["spec"]!;
        var args = pod["containers"]![0]!["args"]!;
        Assert.Contains("--namespaces=shop,payments", args.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public async Task The_Controllers_Own_Namespace_Can_Be_Watched_Too_With_One_Role()
    {
        var objects = await InstallAsync("--mesh", "istio", "--namespaces", "smi-system");
        var role = Assert.Single(OfKind(objects, "Role"), r => (string?)r["metadata"]!["namespace"] == "smi-system");
        var resources = role["rules"]!.AsArray().Select(Resource).ToList();
        Assert.Contains("leases", resources);
        Assert.Contains("trafficsplits", resources);
    }

    [Fact]
    public async Task Uninstall_With_The_Same_Namespaces_Lists_Their_Roles_And_Bindings()
    {
        var run = await CliRun.RunAsync(
            "uninstall", "--mesh", "istio", "--namespaces", "shop,payments", "--format", "json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var references = JsonNode.Parse(run.Out)!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        foreach (var kind in new[] { "Role", "RoleBinding" })
        {
            Assert.Equal(
                ["payments", "shop", "smi-system"],
                OfKind(references, kind).Where(r => (string?)r["metadata"]!["name"] == "smi-adapter-istio")
                    .Select(r => (string)r["metadata"]!["namespace"]!)
                    .Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData("Shop")]
    [InlineData("shop,-x")]
    [InlineData("a_b")]
    public async Task A_Namespace_That_Is_Not_A_Dns_Label_Is_A_Usage_Error(string namespaces)
    {
        var run = await CliRun.RunAsync("install", "--mesh", "istio", "--namespaces", namespaces);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--namespaces", run.Error, StringComparison.Ordinal);
    }
}
