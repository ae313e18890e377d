using System.Text.Json.Nodes;
using Smi.Cli.Commands;

namespace Smi.Cli.Tests;

public class UninstallCommandTests
{
    private static List<(string Kind, string Name, string? Namespace)> References(string json) =>
        [.. JsonNode.Parse(json)!["items"]!.AsArray().Select(o => (
            o!["kind"]!.GetValue<string>(),
            o["metadata"]!["name"]!.GetValue<string>(),
            o["metadata"]!["namespace"]?.GetValue<string>()))];

    [Theory]
    [InlineData("istio")]
    [InlineData("linkerd")]
    [InlineData("consul")]
    [InlineData("gateway-api")]
    public async Task Uninstall_ListsEveryInstalledObject_ButTheNamespaceAndCrds(string mesh)
    {
        var install = await CliRun.RunAsync("install", "--mesh", mesh, "-n", "mesh-adapters", "--format", "json");
        var uninstall = await CliRun.RunAsync("uninstall", "--mesh", mesh, "-n", "mesh-adapters", "--format", "json");

        Assert.Equal(ExitCodes.Success, uninstall.ExitCode);
        var expected = References(install.Out).Where(r => r.Kind is not "Namespace" and not "CustomResourceDefinition");
        Assert.Equal(expected.Order(), References(uninstall.Out).Order());
        Assert.Contains("--crds", uninstall.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", uninstall.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uninstall_DeletesWebhooksAndApiServicesFirst_RbacAfterTheController_CrdsLast()
    {
        var run = await CliRun.RunAsync("uninstall", "--mesh", "istio", "--crds", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var kinds = References(run.Out).Select(r => r.Kind).ToList();
        int First(string kind) => kinds.IndexOf(kind);
        int Last(string kind) => kinds.LastIndexOf(kind);
        Assert.Equal("ValidatingWebhookConfiguration", kinds[0]);
        Assert.True(Last("APIService") < First("Deployment"));
        Assert.True(Last("Deployment") < First("ClusterRoleBinding"));
        Assert.True(Last("ClusterRoleBinding") < First("ClusterRole"));
        Assert.True(Last("ClusterRole") < First("ServiceAccount"));
        Assert.Equal(6, kinds.Count(k => k == "CustomResourceDefinition"));
        Assert.True(kinds.Skip(First("CustomResourceDefinition")).All(k => k == "CustomResourceDefinition"));
        Assert.DoesNotContain("Namespace", kinds);
        Assert.Contains(UninstallCommand.CrdWarning, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uninstall_PrintsReferencesOnly()
    {
        var run = await CliRun.RunAsync("uninstall", "--mesh", "linkerd", "--format", "json");

        Assert.All(
            JsonNode.Parse(run.Out)!["items"]!.AsArray(),
            o => Assert.Equal(["apiVersion", "kind", "metadata"], o!.AsObject().Select(p => p.Key).Order()));
    }

    [Fact]
    public async Task Uninstall_KeepShared_LeavesWhatAnotherMeshsInstallAlsoCreates()
    {
        var all = References((await CliRun.RunAsync("uninstall", "--mesh", "istio", "--format", "json")).Out);
        var linkerd = References((await CliRun.RunAsync("install", "--mesh", "linkerd", "--format", "json")).Out);

        var run = await CliRun.RunAsync("uninstall", "--mesh", "istio", "--keep-shared", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var kept = References(run.Out);
        Assert.Equal(all.Except(linkerd).Order(), kept.Order());
        Assert.Contains(("Deployment", "smi-adapter-istio", "smi-system"), kept);
        // Every object is named per mesh but the TrafficMetrics APIServices, whose names are cluster-wide.
        Assert.DoesNotContain(kept, r => r.Kind is "APIService");
        Assert.Contains(all, r => r.Kind == "APIService");
        Assert.Contains(kept, r => r.Kind == "ValidatingWebhookConfiguration");
    }

    [Fact]
    public async Task Uninstall_CrdsWithKeepShared_IsAUsageError()
    {
        var run = await CliRun.RunAsync("uninstall", "--mesh", "istio", "--crds", "--keep-shared");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Uninstall_UnknownMesh_IsAUsageError()
    {
        var run = await CliRun.RunAsync("uninstall", "--mesh", "nginx");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("unknown mesh", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uninstall_Of_A_Second_Mesh_Lists_Exactly_Its_Install_And_Never_The_Owners_Objects()
    {
        string[] options = ["--mesh", "linkerd", "--metrics-api=false", "--crd-conversion=false", "--format", "json"];
        var install = References((await CliRun.RunAsync(["install", .. options])).Out);
        var owner = References((await CliRun.RunAsync("install", "--mesh", "istio", "--format", "json")).Out);

        var run = await CliRun.RunAsync(["uninstall", .. options]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var listed = References(run.Out);
        Assert.Equal(install.Where(r => r.Kind != "Namespace").Order(), listed.Order());
        Assert.Empty(listed.Intersect(owner));
        Assert.DoesNotContain(UninstallCommand.ConversionOwnerNote, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uninstall_Crds_Of_A_Mesh_That_Does_Not_Own_Conversion_IsAUsageError()
    {
        var run = await CliRun.RunAsync("uninstall", "--mesh", "linkerd", "--crd-conversion=false", "--crds");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("owns CRD conversion", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Uninstall_KeepShared_Of_The_Conversion_Owner_Says_Another_Mesh_Must_Take_It_Over()
    {
        var owner = await CliRun.RunAsync("uninstall", "--mesh", "istio", "--keep-shared", "--format", "json");
        var second = await CliRun.RunAsync(
            "uninstall", "--mesh", "linkerd", "--keep-shared", "--crd-conversion=false", "--metrics-api=false");

        Assert.Equal(ExitCodes.Success, owner.ExitCode);
        Assert.Contains(UninstallCommand.ConversionOwnerNote, owner.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(References(owner.Out), r => r.Kind is "CustomResourceDefinition" or "APIService");
        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.DoesNotContain(UninstallCommand.ConversionOwnerNote, second.Error, StringComparison.Ordinal);
    }
}
