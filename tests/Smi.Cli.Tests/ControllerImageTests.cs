using System.Globalization;
using System.Text.Json.Nodes;
using Smi.Cli.Install;
using Smi.Testing;

namespace Smi.Cli.Tests;

/// <summary>
/// The controller image is built by the SDK (<c>dotnet publish -t:PublishContainer</c>) in the release workflow, with
/// the controller compiled natively; no Docker engine or base image registry is needed to check what goes into it:
/// its settings and the publish output.
/// </summary>
public class ControllerImageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    /// <summary>The properties the release workflow publishes the image with: compiled natively for linux-x64.</summary>
    private static readonly string[] ReleaseProperties =
        ["-r linux-x64", "-p:PublishAot=true", "-p:TreatWarningsAsErrors=false"];

    private static string ControllerProject => Path.Combine(RepositoryPaths.Root, "src", "Smi.Controller");

    private static async Task<JsonNode> ContainerConfigAsync()
    {
        var run = await ExternalCommand.DotnetAsync(
            ControllerProject,
            Deadline,
            "msbuild",
            "-t:ComputeContainerConfig",
            "-p:Configuration=" + BuildConfiguration.Name,
            "-p:RuntimeIdentifier=linux-x64",
            "-p:PublishAot=true",
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

        // Compiled natively, the controller needs no .NET runtime: the chiseled runtime-deps image (no shell).
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/runtime-deps:10\.0-[a-z]+-chiseled$",
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
    public async Task Release_Workflow_Publishes_The_Image_With_The_Properties_Checked_Here()
    {
        var workflow = await File.ReadAllTextAsync(
            Path.Combine(RepositoryPaths.Root, ".github", "workflows", "release.yml"));
        var publish = workflow[workflow.IndexOf("-t:PublishContainer", StringComparison.Ordinal)..];
        publish = publish[..publish.IndexOf("-getProperty", StringComparison.Ordinal)];

        Assert.All(ReleaseProperties, p => Assert.Contains(p, publish, StringComparison.Ordinal));
    }

    /// <summary>
    /// The natively published controller (<see cref="NativeController"/>, the publish the image is made of) holds the
    /// entrypoint and the settings file.
    /// </summary>
    [NativeControllerFact]
    public async Task Publish_Output_HoldsTheEntrypointAndItsSettings()
    {
        var config = await ContainerConfigAsync();
        var command = Identities(config, "ContainerAppCommand");
        var executable = NativeController.RequirePath();
        var output = Path.GetDirectoryName(executable)!;

        // The entrypoint is the executable itself, and the publish output (copied to /app) holds it.
        Assert.Equal(["/app/Smi.Controller"], command);
        Assert.True(File.Exists(Path.Combine(output, Path.GetFileName(command[^1]))));
        Assert.False(File.Exists(Path.Combine(output, "Smi.Controller.dll")), "no IL assembly beside the native one");
        Assert.Empty(Directory.GetFiles(output, "*.dbg").Concat(Directory.GetFiles(output, "*.xml")));
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "appsettings.json")))!;
        var tls = settings["Controller"]!["Tls"]!;
        Assert.Equal("/etc/smi-adapter/tls", tls["CertificateDirectory"]!.GetValue<string>());
    }
}
