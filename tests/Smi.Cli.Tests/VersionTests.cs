using System.Reflection;
using System.Text.Json.Nodes;

namespace Smi.Cli.Tests;

public class VersionTests
{
    [Fact]
    public async Task Version_IsTheAssemblyVersionWithoutBuildMetadata()
    {
        var run = await CliRun.RunAsync("--version");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var informational = typeof(SmiCommandLine).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(informational.Split('+')[0], run.Out.Trim());
        Assert.DoesNotContain('+', run.Out);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", run.Out.Trim());
    }

    [Fact]
    public async Task Install_DefaultImage_IsTaggedWithTheToolVersion()
    {
        var version = (await CliRun.RunAsync("--version")).Out.Trim();
        var run = await CliRun.RunAsync("install", "--mesh", "istio", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var deployment = JsonNode.Parse(run.Out)!["items"]!.AsArray()
            .Single(o => o!["kind"]!.GetValue<string>() == "Deployment")!;
        var image = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
        Assert.Equal($"{ToolVersion.ImageRepository}:{version}", image);
    }

    [Theory]
    [InlineData("1.2.3+0123abcd", "1.2.3")]
    [InlineData("0.0.0-alpha.0.42+cada0928d4b6745bbc4131d3ca4328f8d3d597c5", "0.0.0-alpha.0.42")]
    [InlineData("2.0.0-rc.1", "2.0.0-rc.1")]
    [InlineData(null, "0.0.0")]
    [InlineData("", "0.0.0")]
    public void FromInformationalVersion_DropsBuildMetadata(string? informational, string expected) =>
        Assert.Equal(expected, ToolVersion.FromInformationalVersion(informational));
}
