using System.Text.Json.Nodes;

namespace Smi.Cli.Tests;

/// <summary>What <c>smi install</c> emits to guard the controller, and that two meshes' installations share
/// nothing.</summary>
public class InstallSecurityTests
{
    public static TheoryData<string> Meshes => ["consul", "gateway-api", "istio", "linkerd"];

    public static TheoryData<string, string> MeshPairs
    {
        get
        {
            var pairs = new TheoryData<string, string>();
            string[] meshes = ["consul", "gateway-api", "istio", "linkerd"];
            foreach (var first in meshes)
            {
                foreach (var second in meshes.Where(m => m != first))
                {
                    pairs.Add(first, second);
                }
            }

            return pairs;
        }
    }

    [Theory]
    [MemberData(nameof(Meshes))]
    public async Task Install_VerifiesTls_DelegatesAuth_AndFencesThePods(string mesh)
    {
        var run = await CliRun.RunAsync("install", "--mesh", mesh, "--format", "json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.DoesNotContain("insecureSkipTLSVerify", run.Out, StringComparison.Ordinal);
        var objects = Items(run.Out);

        var reader = Single(
            objects, "RoleBinding", b => Text(b["roleRef"]!["name"]) == "extension-apiserver-authentication-reader");
        Assert.Equal("kube-system", reader["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("Role", reader["roleRef"]!["kind"]!.GetValue<string>());
        var delegator = Single(
            objects, "ClusterRoleBinding", b => Text(b["roleRef"]!["name"]) == "system:auth-delegator");
        Assert.Equal($"smi-adapter-{mesh}", delegator["subjects"]![0]!["name"]!.GetValue<string>());

        var policy = Single(objects, "NetworkPolicy", _ => true)["spec"]!;
        var deployment = Single(objects, "Deployment", _ => true);
        var selected = policy["podSelector"]!["matchLabels"];
        Assert.True(JsonNode.DeepEquals(deployment["spec"]!["selector"]!["matchLabels"], selected));
        Assert.Equal(["Ingress"], policy["policyTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        var ingress = policy["ingress"]!.AsArray();
        var ports = ingress.SelectMany(r => r!["ports"]!.AsArray()).Select(p => p!["port"]!.GetValue<int>()).Order();
        Assert.Equal([8080, 8443], ports);
        var scrape = Assert.Single(ingress, r => r!["ports"]![0]!["port"]!.GetValue<int>() == 8080)!;
        var scraper = scrape["from"]![0]!["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"];
        Assert.Equal("monitoring", Text(scraper));

        Assert.Empty(OfKind(objects, "PodDisruptionBudget"));
        Assert.Equal(2, OfKind(objects, "APIService").Count());
    }

    [Theory]
    [MemberData(nameof(MeshPairs))]
    public async Task Two_Meshes_In_One_Namespace_Share_Only_The_Namespace_And_One_Owns_Conversion(
        string first, string second)
    {
        var a = await InstallAsync("--mesh", first);
        var b = await InstallAsync("--mesh", second, "--metrics-api=false", "--crd-conversion=false");
        var shared = Keys(a).Intersect(Keys(b)).ToList();
        Assert.Equal([("Namespace", (string?)null, "smi-system")], shared);
        Assert.Empty(OfKind(b, "APIService"));
        Assert.DoesNotContain(Rules(b), r => Text(r["resources"]![0]) == "apiservices");

        // Only the owner's install carries the CRDs and their conversion webhook, calling the owner's Service.
        var crds = OfKind(a, "CustomResourceDefinition").ToList();
        Assert.Equal(6, crds.Count);
        Assert.All(crds, crd => Assert.Equal(
            $"smi-adapter-{first}-webhooks",
            Text(crd["spec"]!["conversion"]!["webhook"]!["clientConfig"]!["service"]!["name"])));
        Assert.Empty(OfKind(b, "CustomResourceDefinition"));
        Assert.DoesNotContain(b, o => o.ToJsonString().Contains("\"conversion\"", StringComparison.Ordinal));
        Assert.DoesNotContain(Rules(b), r => Text(r["resources"]![0]) == "customresourcedefinitions"
            && r["verbs"]!.AsArray().Any(v => Text(v) == "patch"));
        Assert.Contains(Rules(a), r => Text(r["resources"]![0]) == "customresourcedefinitions"
            && r["verbs"]!.AsArray().Any(v => Text(v) == "patch"));

        // The second controller is told so and never writes the CRDs' CA bundle.
        Assert.Equal("false", Env(b, "SMI_Controller__Webhooks__OwnsCrdConversion"));
        Assert.Null(Env(a, "SMI_Controller__Webhooks__OwnsCrdConversion"));
    }

    [Fact]
    public async Task Replicas_Above_One_Need_A_Shared_Certificate()
    {
        var refused = await CliRun.RunAsync("install", "--mesh", "istio", "--replicas", "2");
        Assert.Equal(ExitCodes.UsageError, refused.ExitCode);
        Assert.Contains("--cert-manager-certificate", refused.Error, StringComparison.Ordinal);

        var objects = await InstallAsync(
            "--mesh", "istio", "--replicas", "2", "--cert-manager-certificate", "smi-system/istio-tls");
        var budget = Single(objects, "PodDisruptionBudget", _ => true);
        Assert.Equal(1, budget["spec"]!["minAvailable"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cert_Manager_Mode_Emits_The_Certificate_And_Issuer_And_Drops_The_Patch_Rights()
    {
        var objects = await InstallAsync("--mesh", "linkerd", "--cert-manager-certificate", "smi-system/linkerd-tls");
        var certificate = Single(objects, "Certificate", _ => true);
        Assert.Equal("linkerd-tls", certificate["spec"]!["secretName"]!.GetValue<string>());
        var dnsNames = certificate["spec"]!["dnsNames"]!.AsArray().Select(Text);
        Assert.Contains("smi-adapter-linkerd-webhooks.smi-system.svc", dnsNames);
        var issuer = Single(objects, "Issuer", _ => true);
        Assert.NotNull(issuer["spec"]!["selfSigned"]);
        Assert.Equal(Text(issuer["metadata"]!["name"]), Text(certificate["spec"]!["issuerRef"]!["name"]));
        Assert.DoesNotContain(
            Rules(objects),
            r => r["verbs"]!.AsArray().Any(v => Text(v) == "patch")
                && Text(r["resources"]![0])
                    is "customresourcedefinitions" or "validatingwebhookconfigurations" or "apiservices");
        Assert.All(
            OfKind(objects, "APIService"),
            s => Assert.Equal(
                "smi-system/linkerd-tls", Text(s["metadata"]!["annotations"]!["cert-manager.io/inject-ca-from"])));

        var named = await InstallAsync(
            "--mesh", "linkerd",
            "--cert-manager-certificate", "smi-system/linkerd-tls",
            "--cert-manager-issuer", "ClusterIssuer/corp-ca");
        Assert.Empty(OfKind(named, "Issuer"));
        var issuerRef = Single(named, "Certificate", _ => true)["spec"]!["issuerRef"]!;
        Assert.Equal(("ClusterIssuer", "corp-ca"), (Text(issuerRef["kind"]), Text(issuerRef["name"])));
    }

    private static async Task<List<JsonObject>> InstallAsync(params string[] args)
    {
        var run = await CliRun.RunAsync(["install", .. args, "--format", "json"]);
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        return Items(run.Out);
    }

    private static List<JsonObject> Items(string json) =>
        [.. JsonNode.Parse(json)!["items"]!.AsArray().Select(i => i!.AsObject())];

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static IEnumerable<JsonObject> Rules(IEnumerable<JsonObject> objects) =>
        objects.SelectMany(o => o["rules"]?.AsArray() ?? []).Select(r => r!.AsObject());

    private static IEnumerable<JsonObject> OfKind(IEnumerable<JsonObject> objects, string kind) =>
        objects.Where(o => o["kind"]!.GetValue<string>() == kind);

    private static JsonObject Single(IEnumerable<JsonObject> objects, string kind, Func<JsonObject, bool> predicate) =>
        Assert.Single(OfKind(objects, kind), o => predicate(o));

    private static string? Env(IEnumerable<JsonObject> objects, string name) =>
        Single(objects, "Deployment", _ => true)["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray()
            .Where(e => Text(e!["name"]) == name)
            .Select(e => Text(e!["value"]))
            .SingleOrDefault();

    private static IEnumerable<(string Kind, string? Namespace, string Name)> Keys(IEnumerable<JsonObject> objects) =>
        objects.Select(o => (
            o["kind"]!.GetValue<string>(),
            o["metadata"]!["namespace"]?.GetValue<string>(),
            o["metadata"]!["name"]!.GetValue<string>()));
}
