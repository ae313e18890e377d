using System.Text.Json.Nodes;
using Smi.Testing;

namespace Smi.Cli.Tests;

/// <summary>
/// Packs every package of the solution (with package validation) from this build, then builds and runs
/// <c>samples/PlatformTool</c> against the packed packages through PackageReference from a local folder feed, as a
/// consumer would.
/// </summary>
public class PackagesTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(8);

    private static readonly string[] Libraries =
    [
        "Smi.Abstractions", "Smi.Abstractions.Tooling", "Smi.Abstractions.Wire", "Smi.Adapters.Consul",
        "Smi.Adapters.GatewayApi", "Smi.Adapters.GatewayApi.Routes", "Smi.Adapters.Istio", "Smi.Adapters.Linkerd",
        "Smi.Metrics", "Smi.Webhooks",
    ];

    private static async Task<string> GlobalPackagesFolderAsync()
    {
        var run = await ExternalCommand.DotnetAsync(
            RepositoryPaths.Root, Deadline, "nuget", "locals", "global-packages", "--list");
        Assert.True(run.ExitCode == 0, run.Output);
        var line = run.Output.Split('\n').Single(l => l.StartsWith("global-packages:", StringComparison.Ordinal));
        return line["global-packages:".Length..].Trim();
    }

    [Fact]
    public async Task Packages_Pack_AndThePlatformToolSampleBuildsAndRunsAgainstThem()
    {
        var work = Directory.CreateTempSubdirectory("smi-packages-");
        try
        {
            var feed = Path.Combine(work.FullName, "feed");
            var pack = await ExternalCommand.DotnetAsync(
                RepositoryPaths.Root, Deadline,
                "pack", "Smi.Adapters.sln", "--no-build", "-c", BuildConfiguration.Name, "-o", feed);
            Assert.True(pack.ExitCode == 0, pack.Output);

            // Smi.Abstractions.1.2.3.nupkg, not Smi.Abstractions.Wire.1.2.3.nupkg.
            var abstractions = Assert.Single(Directory.GetFiles(feed, "Smi.Abstractions.*.nupkg"),
                f => char.IsAsciiDigit(Path.GetFileName(f)["Smi.Abstractions.".Length]));
            var version = Path.GetFileNameWithoutExtension(abstractions)["Smi.Abstractions.".Length..];
            foreach (var library in Libraries)
            {
                Assert.True(File.Exists(Path.Combine(feed, $"{library}.{version}.nupkg")), $"{library} not packed");
                Assert.True(File.Exists(Path.Combine(feed, $"{library}.{version}.snupkg")), $"{library}: no symbols");
            }

            Assert.True(File.Exists(Path.Combine(feed, $"Smi.Cli.{version}.nupkg")), "the smi tool not packed");

            // The sample restores the Smi packages from the feed only, into a packages folder of its own (so that
            // no package of the same version from an earlier run is taken), and everything else from the machine's
            // packages folder or the configured sources. Its build output goes to the temporary folder.
            var output = Path.Combine(work.FullName, "bin") + Path.DirectorySeparatorChar;
            var build = await ExternalCommand.DotnetAsync(
                RepositoryPaths.Root, Deadline,
                "build", Path.Combine("samples", "PlatformTool", "PlatformTool.csproj"), "-c", "Release",
                $"-p:SmiAdaptersPackageVersion={version}",
                $"-p:RestoreAdditionalProjectSources={feed}",
                $"-p:RestorePackagesPath={Path.Combine(work.FullName, "packages")}",
                $"-p:RestoreAdditionalProjectFallbackFolders={await GlobalPackagesFolderAsync()}",
                $"-p:BaseIntermediateOutputPath={Path.Combine(work.FullName, "obj")}{Path.DirectorySeparatorChar}",
                $"-p:OutputPath={output}");
            Assert.True(build.ExitCode == 0, build.Output);

            var assets = JsonNode.Parse(await File.ReadAllTextAsync(
                Path.Combine(work.FullName, "obj", "project.assets.json")))!;
            var libraries = assets["libraries"]!.AsObject();
            Assert.Equal("package", libraries[$"Smi.Adapters.Istio/{version}"]?["type"]?.GetValue<string>());
            Assert.Equal("package", libraries[$"Smi.Abstractions/{version}"]?["type"]?.GetValue<string>());
            Assert.DoesNotContain(libraries, l => l.Value!["type"]!.GetValue<string>() == "project");

            var run = await ExternalCommand.DotnetAsync(
                work.FullName, Deadline, Path.Combine(output, "PlatformTool.dll"), "25");
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains("kind: VirtualService", run.Output, StringComparison.Ordinal);
            Assert.Contains("weight: 25", run.Output, StringComparison.Ordinal);
            Assert.Contains("weight: 75", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
