using System.Text.Json.Nodes;
using Smi.Abstractions.Crds;
using Smi.Abstractions.Serialization;
using Smi.Cli.Install;
using Smi.Kube.Rbac;
using Smi.Testing;
using Smi.Webhooks.Manifests;

namespace Smi.Cli.Tests;

public class InstallCommandTests
{
    public static TheoryData<string> Meshes => ["consul", "gateway-api", "istio", "linkerd"];

    internal static async Task<List<JsonObject>> InstallAsync(params string[] extra)
    {
        var run = await CliRun.RunAsync(["install", .. extra, "--format", "json"]);
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        return [.. JsonNode.Parse(run.Out)!["items"]!.AsArray().Select(i => i!.AsObject())];
    }

    internal static IEnumerable<JsonObject> OfKind(IEnumerable<JsonObject> objects, string kind) =>
        objects.Where(o => o["kind"]!.GetValue<string>() == kind);

    [Theory]
    [MemberData(nameof(Meshes))]
    public async Task Install_Rbac_IsExactlyWhatTheControllerAndWebhooksUse(string mesh)
    {
        var objects = await InstallAsync("--mesh", mesh);
        var granted = OfKind(objects, "ClusterRole").Concat(OfKind(objects, "Role"))
            .SelectMany(r => r["rules"]!.AsArray().Select(x => x!.AsObject()))
            .Select(r => (Group: r["apiGroups"]![0]!.GetValue<string>(), Resource: r["resources"]![0]!.GetValue<string>(), Verbs: string.Join(",", r["verbs"]!.AsArray().Select(v => v!.GetValue<string>()))))
            .ToHashSet();
        var needed = ControllerRbac.For(MeshRegistration.Adapters(), mesh)
            .SelectMany(r => r.Resource == "leases"
                ? new[]
                {
                    (r.Group, r.Resource, "create"),
                    (r.Group, r.Resource, string.Join(",", r.Verbs.Where(v => v != "create"))),
                }
                : [(r.Group, r.Resource, string.Join(",", r.Verbs))])
            .Concat(WebhookRbac.Rules(new WebhookOptions()).Select(r => (r["apiGroups"]![0]!.GetValue<string>(), r["resources"]![0]!.GetValue<string>(), string.Join(",", r["verbs"]!.AsArray().Select(v => v!.GetValue<string>())))))
            .ToHashSet();
        Assert.Equal(needed.Order(), granted.Order());

        // Leases are the one namespaced grant: create (RBAC cannot limit it by name) and the rest on the Lease's name.
        var role = Assert.Single(OfKind(objects, "Role"));
        Assert.All(role["rules"]!.AsArray(), r => Assert.Equal("leases", r!["resources"]![0]!.GetValue<string>()));
        var named = Assert.Single(role["rules"]!.AsArray(), r => r!["resourceNames"] is not null)!;
        Assert.Equal($"smi-adapter-{mesh}", Assert.Single(named["resourceNames"]!.AsArray())!.GetValue<string>());
        Assert.DoesNotContain("create", named["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.DoesNotContain("*", objects.SelectMany(o => o["rules"]?.AsArray() ?? []).SelectMany(r => r!["verbs"]!.AsArray().Concat(r["resources"]!.AsArray())).Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task Install_Deployment_RunsNonRoot_ReadOnly_WithProbesAndRequests()
    {
        var objects = await InstallAsync("--mesh", "istio", "-n", "mesh-adapters");
        var deployment = Assert.Single(OfKind(objects, "Deployment"));
        Assert.Equal("mesh-adapters", deployment["metadata"]!["namespace"]!.GetValue<string>());
        var pod = deployment["spec"]!["template"]!["spec"]!;
        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        var container = pod["containers"]![0]!;
        Assert.Contains("--mesh=istio", container["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.True(container["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.False(container["securityContext"]!["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.Equal("/healthz", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/readyz", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.NotNull(container["resources"]!["requests"]!["memory"]);
        Assert.Equal(pod["serviceAccountName"]!.GetValue<string>(), Assert.Single(OfKind(objects, "ServiceAccount"))["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Install_Crds_ServeEveryVersionThroughTheWebhook_AndAcceptTheSamples()
    {
        var objects = await InstallAsync("--mesh", "linkerd");
        var crds = OfKind(objects, "CustomResourceDefinition").ToList();
        Assert.All(crds, crd => Assert.Equal("Webhook", crd["spec"]!["conversion"]!["strategy"]!.GetValue<string>()));
        var catalog = CrdCatalog.FromObjects(crds);
        Assert.True(catalog.Serves("split.smi-spec.io/v1alpha1", "TrafficSplit"));
        Assert.True(catalog.Serves("access.smi-spec.io/v1alpha2", "TrafficTarget"));
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Samples, "*.yaml", SearchOption.AllDirectories))
        {
            foreach (var loaded in new ManifestLoader().LoadText(File.ReadAllText(file), file).Objects.Where(o => o.Ref.Group.EndsWith("smi-spec.io", StringComparison.Ordinal)))
            {
                Assert.Empty(catalog.Validate(loaded.Json));
            }
        }

        var webhook = Assert.Single(OfKind(objects, "ValidatingWebhookConfiguration"));
        Assert.Equal(InstallManifests.WebhookOptionsFor(new InstallSettings { Mesh = "linkerd" }).FailurePolicy, webhook["webhooks"]![0]!["failurePolicy"]!.GetValue<string>());
        Assert.Equal(["v1alpha1.metrics.smi-spec.io", "v1alpha2.metrics.smi-spec.io"], OfKind(objects, "APIService").Select(a => a["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Install_GatewayApi_WithAccessControl_MayWriteTheDelegatesKinds()
    {
        var objects = await InstallAsync("--mesh", "gateway-api", "--access-control", "linkerd");
        var rules = Assert.Single(OfKind(objects, "ClusterRole"))["rules"]!.AsArray();
        Assert.Contains(rules, r => r!["resources"]![0]!.GetValue<string>() == "servers" && r["verbs"]!.AsArray().Any(v => v!.GetValue<string>() == "patch"));
        var env = Assert.Single(OfKind(objects, "Deployment"))["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        Assert.Contains(env, e => e!["name"]!.GetValue<string>() == "SMI_Adapters__gateway-api__AccessControl" && e["value"]!.GetValue<string>() == "Linkerd");

        var refused = await CliRun.RunAsync("install", "--mesh", "istio", "--access-control", "linkerd");
        Assert.Equal(ExitCodes.UsageError, refused.ExitCode);
    }

    [Fact]
    public async Task Install_UnknownMesh_IsUsageError()
    {
        var run = await CliRun.RunAsync("install", "--mesh", "kuma");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("registered meshes", run.Error, StringComparison.Ordinal);
    }
}
