using System.Text.Json.Nodes;
using Smi.Cli.Cluster;
using Smi.Cli.Install;

namespace Smi.Cli.Tests;

/// <summary><c>smi version</c> with a cluster: the controllers' versions and the SMI versions it serves.</summary>
public class VersionLiveClusterTests
{
    [Fact]
    public async Task Version_With_A_Cluster_Prints_The_Controller_Version_From_Its_Image_And_The_Served_Smi_Versions()
    {
        await using var cluster = await LiveCluster.StartAsync();
        var deployment = InstallManifests.Build(new InstallSettings { Mesh = "linkerd", Image = "ghcr.io/x/smi:1.4.2" })
            .Single(o => o["kind"]!.GetValue<string>() == "Deployment");
        cluster.Seed(deployment);

        var text = await CliRun.RunAsync("version", "--kubeconfig", cluster.Kubeconfig);
        var json = await CliRun.RunAsync("version", "--kubeconfig", cluster.Kubeconfig, "-o", "json");

        Assert.True(text.ExitCode == ExitCodes.Success, text.Error);
        Assert.Contains($"Client Version: {ToolVersion.Current}\n", text.Out, StringComparison.Ordinal);
        Assert.Contains(
            "Controller Version: 1.4.2 (smi-system/smi-adapter-linkerd)\n", text.Out, StringComparison.Ordinal);
        Assert.Contains("SMI Versions: trafficsplits.split.smi-spec.io v1alpha", text.Out, StringComparison.Ordinal);
        var parsed = JsonNode.Parse(json.Out)!;
        Assert.Equal("1.4.2", parsed["controllerVersions"]![0]!["version"]!.GetValue<string>());
        Assert.NotEmpty(parsed["smiVersions"]!["traffictargets.access.smi-spec.io"]!.AsArray());
        Assert.DoesNotContain(cluster.Server.Requests, r => r.IsWrite);
    }

    [Fact]
    public async Task Version_Of_An_Unreachable_Cluster_Prints_The_Client_Version_And_Exits_3()
    {
        string url;
        await using (var stopped = await LiveCluster.StartAsync())
        {
            url = stopped.Server.Url;
        }

        var folder = Directory.CreateTempSubdirectory("smi-version-");
        try
        {
            var kubeconfig = Path.Combine(folder.FullName, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, LiveCluster.KubeconfigText(url));

            var run = await CliRun.RunAsync("version", "--kubeconfig", kubeconfig);

            Assert.Equal(ExitCodes.ClusterError, run.ExitCode);
            Assert.Equal($"Client Version: {ToolVersion.Current}\n", run.Out.ReplaceLineEndings("\n"));
            Assert.Contains("cannot reach the API server", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(null, "ghcr.io/smi-adapters/smi-adapter:1.2.3", "1.2.3")]
    [InlineData(null, "registry:5000/smi-adapter:2.0.0@sha256:abcd", "2.0.0")]
    [InlineData(null, "registry:5000/smi-adapter", "unknown")]
    [InlineData("3.1.0", "ghcr.io/smi-adapters/smi-adapter:latest", "3.1.0")]
    public void The_Version_Is_The_Label_Else_The_Image_Tag(string? label, string image, string expected) =>
        Assert.Equal(expected, ClusterVersions.VersionOf(label, image));
}
