using System.IO.Compression;
using System.Text.Json.Nodes;
using Smi.Testing;

namespace Smi.Cli.Tests;

/// <summary>
/// Packs every package of the solution (with package validation) from this build, then builds and runs
/// <c>samples/PlatformTool</c> against the packed packages through PackageReference from a local folder feed, as a
/// consumer would. The Gateway API route builder has no package of its own: it ships inside the Linkerd and Gateway API
/// adapter packages, and a consumer of those packages builds and translates with them.
/// </summary>
public class PackagesTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(8);

    private static readonly string[] Libraries =
    [
        "Smi.Abstractions", "Smi.Abstractions.Tooling", "Smi.Abstractions.Wire", "Smi.Adapters.Consul",
        "Smi.Adapters.GatewayApi", "Smi.Adapters.Istio", "Smi.Adapters.Linkerd", "Smi.Metrics", "Smi.Webhooks",
    ];

    /// <summary>The assembly that is no package, and the packages that carry it beside their own assembly.</summary>
    private const string Bundled = "Smi.Adapters.GatewayApi.Routes";

    private static readonly string[] BundlingLibraries = ["Smi.Adapters.Linkerd", "Smi.Adapters.GatewayApi"];

    /// <summary>A consumer of the Gateway API adapter package (which brings the Linkerd one): it translates a split.
    /// </summary>
    private const string ConsumerProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Smi.Adapters.GatewayApi" Version="$(SmiAdaptersPackageVersion)" />
            <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.0" />
          </ItemGroup>
        </Project>
        """;

    private const string ConsumerProgram = """
        using k8s.Models;
        using Microsoft.Extensions.DependencyInjection;
        using Smi.Abstractions.Snapshot;
        using Smi.Abstractions.Translation;
        using Split = Smi.Abstractions.Resources.Split.V1Alpha4;

        var services = new ServiceCollection();
        services.AddSmi(o => o.ClusterDomain = "cluster.local").AddLinkerd().AddGatewayApi();
        using var provider = services.BuildServiceProvider();
        var builder = new SnapshotBuilder().Add(new Split.TrafficSplit
        {
            Metadata = new V1ObjectMeta { Name = "web-canary", NamespaceProperty = "shop" },
            Spec = new Split.TrafficSplitSpec
            {
                Service = "web",
                Backends =
                [
                    new Split.TrafficSplitBackend { Service = "web-v1", Weight = 75 },
                    new Split.TrafficSplitBackend { Service = "web-v2", Weight = 25 },
                ],
            },
        });
        foreach (var name in new[] { "web", "web-v1", "web-v2" })
        {
            builder.Add(new V1Service
            {
                ApiVersion = "v1",
                Kind = "Service",
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop" },
                Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 80 }] },
            });
        }

        var snapshot = builder.Build();
        foreach (var mesh in new[] { "linkerd", "gateway-api" })
        {
            var result = provider.GetRequiredKeyedService<IMeshTranslator>(mesh).Translate(snapshot);
            foreach (var resource in result.Resources)
            {
                Console.WriteLine($"{mesh}: {resource.ToJson()["kind"]}");
            }

            if (result.HasErrors)
            {
                return 1;
            }
        }

        return 0;
        """;

    private static async Task<string> GlobalPackagesFolderAsync()
    {
        var run = await ExternalCommand.DotnetAsync(
            RepositoryPaths.Root, Deadline, "nuget", "locals", "global-packages", "--list");
        Assert.True(run.ExitCode == 0, run.Output);
        var line = run.Output.Split('\n').Single(l => l.StartsWith("global-packages:", StringComparison.Ordinal));
        return line["global-packages:".Length..].Trim();
    }

    /// <summary>
    /// Builds <paramref name="project"/> against the Smi packages of <paramref name="version"/> from
    /// <paramref name="feed"/> only, restored into a packages folder of its own under <paramref name="work"/> (so that
    /// no package of the same version from an earlier run is taken), everything else from the machine's packages
    /// folder or the configured sources; the intermediate files go to <c>obj</c> and the output to <c>bin</c> under
    /// <paramref name="work"/>.
    /// </summary>
    private static async Task<ExternalCommandResult> BuildAgainstFeedAsync(
        string project, string work, string version, string feed) =>
        await ExternalCommand.DotnetAsync(
            RepositoryPaths.Root, Deadline,
            "build", project, "-c", "Release",
            $"-p:SmiAdaptersPackageVersion={version}",
            $"-p:RestoreAdditionalProjectSources={feed}",
            $"-p:RestorePackagesPath={Path.Combine(work, "packages")}",
            $"-p:RestoreAdditionalProjectFallbackFolders={await GlobalPackagesFolderAsync()}",
            $"-p:BaseIntermediateOutputPath={Path.Combine(work, "obj")}{Path.DirectorySeparatorChar}",
            $"-p:OutputPath={Path.Combine(work, "bin")}{Path.DirectorySeparatorChar}");

    private static async Task AssertCarriesBundledAsync(string package, string file)
    {
        await using var zip = await ZipFile.OpenReadAsync(package);
        Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{file}");
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new StreamReader(await nuspec.OpenAsync());
        Assert.DoesNotContain($"id=\"{Bundled}\"", await reader.ReadToEndAsync(), StringComparison.Ordinal);
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
            Assert.Empty(Directory.GetFiles(feed, $"{Bundled}.*"));
            foreach (var library in BundlingLibraries)
            {
                await AssertCarriesBundledAsync(Path.Combine(feed, $"{library}.{version}.nupkg"), $"{Bundled}.dll");
                await AssertCarriesBundledAsync(Path.Combine(feed, $"{library}.{version}.snupkg"), $"{Bundled}.pdb");
            }

            // The sample restores the Smi packages from the feed only, into a packages folder of its own (so that
            // no package of the same version from an earlier run is taken), and everything else from the machine's
            // packages folder or the configured sources. Its build output goes to the temporary folder.
            var output = Path.Combine(work.FullName, "bin") + Path.DirectorySeparatorChar;
            var build = await BuildAgainstFeedAsync(
                Path.Combine(RepositoryPaths.Root, "samples", "PlatformTool", "PlatformTool.csproj"),
                work.FullName, version, feed);
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

            // A consumer of the Linkerd and Gateway API packages runs the route builder they carry.
            var consumer = Directory.CreateDirectory(Path.Combine(work.FullName, "consumer")).FullName;
            await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), ConsumerProject);
            await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), ConsumerProgram);
            var consumerBuild = await BuildAgainstFeedAsync(
                Path.Combine(consumer, "Consumer.csproj"), consumer, version, feed);
            Assert.True(consumerBuild.ExitCode == 0, consumerBuild.Output);
            var consumerRun = await ExternalCommand.DotnetAsync(
                consumer, Deadline, Path.Combine(consumer, "bin", "Consumer.dll"));
            Assert.True(consumerRun.ExitCode == 0, consumerRun.Output);
            Assert.Contains("linkerd: HTTPRoute", consumerRun.Output, StringComparison.Ordinal);
            Assert.Contains("gateway-api: HTTPRoute", consumerRun.Output, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
