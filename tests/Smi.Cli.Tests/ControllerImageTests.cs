using System.Globalization;
using System.Text.Json.Nodes;
using Smi.Cli.Install;
using Smi.Testing;

namespace Smi.Cli.Tests;

/// <summary>
/// The controller image is built by the SDK (<c>dotnet publish -t:PublishContainer</c>) in the release workflow; no
/// Docker engine or base image registry is needed to check what goes into it: its settings and the publish output.
/// </summary>
public class ControllerImageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    private static string ControllerProject => Path.Combine(RepositoryPaths.Root, "src", "Smi.Controller");

    private static async Task<JsonNode> ContainerConfigAsync()
    {
        var run = await ExternalCommand.DotnetAsync(
            ControllerProject,
            Deadline,
            "msbuild",
            "-t:ComputeContainerConfig",
            "-p:Configuration=" + BuildConfiguration.Name,
            "-getProperty:ContainerBaseImage",
            "-getProperty:ContainerUser",
            "-getProperty:ContainerRepository",
            "-getItem:ContainerImageTags",
            "-getItem:ContainerPort",
            "-getItem:ContainerAppCommand",
            "-getItem:ContainerEnvironmentVariables");
        Assert.True(run.ExitCode == 0, run.Output);
        return JsonNode.Parse(run.Output)!;
    }

    private static List<string> Identities(JsonNode config, string item) =>
        [.. config["Items"]![item]!.AsArray().Select(i => i!["Identity"]!.GetValue<string>())];

    [Fact]
    public async Task Image_IsChiseledNonRoot_AndMatchesTheInstalledDeployment()
    {
        var config = await ContainerConfigAsync();
        var properties = config["Properties"]!;

        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0-[a-z]+-chiseled$",
            properties["ContainerBaseImage"]!.GetValue<string>());
        Assert.Equal(
            ToolVersion.ImageRepository,
            $"ghcr.io/{properties["ContainerRepository"]!.GetValue<string>()}");

        var install = await CliRun.RunAsync("install", "--mesh", "istio", "--format", "json");
        Assert.Equal(ExitCodes.Success, install.ExitCode);
        var pod = JsonNode.Parse(install.Out)!["items"]!.AsArray()
            .Single(o => o!["kind"]!.GetValue<string>() == "Deployment")!["spec"]!["template"]!["spec"]!;
        var user = properties["ContainerUser"]!.GetValue<string>();
        Assert.Equal(InstallManifests.ControllerUserId, int.Parse(user, CultureInfo.InvariantCulture));
        Assert.Equal(InstallManifests.ControllerUserId, pod["securityContext"]!["runAsUser"]!.GetValue<int>());
        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());

        var container = pod["containers"]![0]!;
        Assert.True(container["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>());
        var deploymentPorts = container["ports"]!.AsArray().Select(p => p!["containerPort"]!.GetValue<int>().ToString(
            CultureInfo.InvariantCulture));
        Assert.Equal(deploymentPorts.Order(), Identities(config, "ContainerPort").Order());

        // The runtime writes nothing outside /tmp: no diagnostics socket on the read-only root filesystem.
        Assert.Contains(
            config["Items"]!["ContainerEnvironmentVariables"]!.AsArray(),
            v => v!["Identity"]!.GetValue<string>() == "DOTNET_EnableDiagnostics"
                && v["Value"]!.GetValue<string>() == "0");
        Assert.Contains(
            container["volumeMounts"]!.AsArray(), m => m!["mountPath"]!.GetValue<string>() == "/tmp");
    }

    [Fact]
    public async Task Image_IsTaggedWithTheToolVersion()
    {
        var config = await ContainerConfigAsync();

        Assert.Equal([ToolVersion.Current], Identities(config, "ContainerImageTags"));
    }

    [Fact]
    public async Task Publish_Output_HoldsTheEntrypointAndItsSettings()
    {
        var config = await ContainerConfigAsync();
        var command = Identities(config, "ContainerAppCommand");
        var output = Directory.CreateTempSubdirectory("smi-publish-");
        try
        {
            var run = await ExternalCommand.DotnetAsync(
                ControllerProject,
                Deadline,
                "publish",
                "--no-build",
                "-c",
                BuildConfiguration.Name,
                "-o",
                output.FullName);
            Assert.True(run.ExitCode == 0, run.Output);

            // The entrypoint is "dotnet /app/Smi.Controller.dll", and the publish output (copied to /app) holds it.
            Assert.Equal(["dotnet", "/app/Smi.Controller.dll"], command);
            Assert.True(File.Exists(Path.Combine(output.FullName, Path.GetFileName(command[^1]))));
            Assert.True(File.Exists(Path.Combine(output.FullName, "Smi.Controller.runtimeconfig.json")));
            var settings = JsonNode.Parse(await File.ReadAllTextAsync(
                Path.Combine(output.FullName, "appsettings.json")))!;
            var tls = settings["Controller"]!["Tls"]!;
            Assert.Equal("/etc/smi-adapter/tls", tls["CertificateDirectory"]!.GetValue<string>());
            var runtimeConfig = JsonNode.Parse(await File.ReadAllTextAsync(
                Path.Combine(output.FullName, "Smi.Controller.runtimeconfig.json")))!;
            Assert.Contains(
                runtimeConfig["runtimeOptions"]!["frameworks"]!.AsArray(),
                f => f!["name"]!.GetValue<string>() == "Microsoft.AspNetCore.App");
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
