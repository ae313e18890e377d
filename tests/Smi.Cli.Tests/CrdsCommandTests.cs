using System.Text.Json.Nodes;
using Smi.Abstractions.Crds;
using Smi.Abstractions.Serialization;

namespace Smi.Cli.Tests;

public class CrdsCommandTests
{
    [Fact]
    public async Task Crds_PrintsOneCrdPerKind_ThatAcceptTheSamples()
    {
        var run = await CliRun.RunAsync("crds", "--format", "json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var items = JsonNode.Parse(run.Out)!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(
            ["httproutegroups.specs.smi-spec.io", "identitybindings.access.smi-spec.io", "tcproutes.specs.smi-spec.io", "trafficsplits.split.smi-spec.io", "traffictargets.access.smi-spec.io", "udproutes.specs.smi-spec.io"],
            items.Select(i => i["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var catalog = CrdCatalog.FromObjects(items);
        foreach (var sample in Directory.EnumerateFiles(Smi.Testing.RepositoryPaths.Samples, "*.yaml", SearchOption.AllDirectories))
        {
            foreach (var loaded in new ManifestLoader().LoadText(File.ReadAllText(sample), sample).Objects.Where(o => o.Ref.Group.EndsWith("smi-spec.io", StringComparison.Ordinal)))
            {
                // Argo Rollouts' default, split v1alpha1, is served only through the conversion webhook of
                // smi install (InstallCommandTests checks that its CRDs accept every sample).
                if (loaded.Ref.ApiVersion == "split.smi-spec.io/v1alpha1")
                {
                    Assert.False(catalog.Serves(loaded.Ref.ApiVersion, loaded.Ref.Kind));
                    continue;
                }

                Assert.Empty(catalog.Validate(loaded.Json));
            }
        }
    }

    [Fact]
    public async Task Crds_YamlOutput_LoadsBack()
    {
        var run = await CliRun.RunAsync("crds");
        var dir = Directory.CreateTempSubdirectory("smi-crds");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "crds.yaml"), run.Out);
            var catalog = CrdCatalog.Load([dir.FullName]);
            Assert.True(catalog.Serves("split.smi-spec.io/v1alpha4", "TrafficSplit"));
            Assert.True(catalog.Serves("access.smi-spec.io/v1alpha3", "TrafficTarget"));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public async Task Crds_ConversionWebhook_ServesEveryVersion_ThroughTheService()
    {
        var run = await CliRun.RunAsync(
            "crds", "--conversion-webhook", "--mesh", "Linkerd", "-n", "mesh-adapters", "--format", "json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var items = JsonNode.Parse(run.Out)!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.All(items, crd =>
        {
            var service = crd["spec"]!["conversion"]!["webhook"]!["clientConfig"]!["service"]!;
            Assert.Equal("mesh-adapters", service["namespace"]!.GetValue<string>());
            Assert.Equal("smi-adapter-linkerd-webhooks", service["name"]!.GetValue<string>());
            Assert.All(crd["spec"]!["versions"]!.AsArray(), v => Assert.True(v!["served"]!.GetValue<bool>()));
        });
    }

    [Fact]
    public async Task Crds_ConversionWebhook_WithoutMesh_IsAUsageError_NamingTheOption()
    {
        var run = await CliRun.RunAsync("crds", "--conversion-webhook", "-n", "mesh-adapters");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--conversion-webhook needs --mesh", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }
}
