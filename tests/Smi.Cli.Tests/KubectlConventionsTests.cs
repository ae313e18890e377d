using System.Text.Json.Nodes;
using Smi.Testing;

namespace Smi.Cli.Tests;

/// <summary>What a kubectl user expects: -o selects the format, enum values in lower case, durations.</summary>
public sealed class KubectlConventionsTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("smi-conventions-");

    private static string Canary => Path.Combine(RepositoryPaths.Samples, "canary");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task OutputJson_PrintsAListOfTheSameObjectsAsYaml()
    {
        var yaml = await CliRun.RunAsync("translate", Canary, "--mesh", "istio", "-o", "yaml");
        var json = await CliRun.RunAsync("translate", Canary, "--mesh", "istio", "-o", "json");

        Assert.Equal(ExitCodes.Success, json.ExitCode);
        var items = JsonNode.Parse(json.Out)!["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.Equal(items.Count, yaml.Out.Split("\nkind: ").Length - 1 + (yaml.Out.StartsWith("kind: ") ? 1 : 0));
        Assert.Equal((await CliRun.RunAsync("translate", Canary, "--mesh", "istio")).Out, yaml.Out);
    }

    [Fact]
    public async Task OutputName_PrintsKindGroupSlashNamePerObject()
    {
        var json = await CliRun.RunAsync("translate", Canary, "--mesh", "linkerd", "-o", "json");
        var names = await CliRun.RunAsync("translate", Canary, "--mesh", "linkerd", "-o", "NAME");

        Assert.Equal(ExitCodes.Success, names.ExitCode);
        var expected = JsonNode.Parse(json.Out)!["items"]!.AsArray()
            .Select(o => $"{o!["kind"]!.GetValue<string>().ToLowerInvariant()}."
                + $"{o["apiVersion"]!.GetValue<string>().Split('/')[0]}/{o["metadata"]!["name"]!.GetValue<string>()}");
        Assert.Equal(expected, names.Out.TrimEnd('\n').Split('\n'));
        Assert.Contains("httproute.gateway.networking.k8s.io/", names.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OldStyleOutputFolder_IsAUsageErrorNamingOutputDir_AndCreatesNothing()
    {
        var folder = Path.Combine(_work.FullName, "rendered");

        var run = await CliRun.RunAsync("translate", Canary, "--mesh", "istio", "-o", folder);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains($"--output-dir {folder}", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public async Task OutputDir_WritesOneFilePerObject_InTheFormatOfO()
    {
        var folder = Path.Combine(_work.FullName, "out");

        var run = await CliRun.RunAsync("translate", Canary, "--mesh", "istio", "--output-dir", folder, "-o", "json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var files = Directory.GetFiles(folder);
        Assert.NotEmpty(files);
        Assert.All(
            files, f => Assert.Equal("VirtualService", JsonNode.Parse(File.ReadAllText(f))!["kind"]!.ToString()));
        Assert.All(files, f => Assert.EndsWith(".json", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutputDir_WithNameFormat_IsAUsageError()
    {
        var run = await CliRun.RunAsync(
            "translate", Canary, "--mesh", "istio", "--output-dir", _work.FullName, "-o", "name");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Empty(Directory.GetFiles(_work.FullName));
    }

    [Fact]
    public async Task FormatOption_IsStillAccepted_ButHiddenFromHelp()
    {
        var json = await CliRun.RunAsync("translate", Canary, "--mesh", "istio", "--format", "Json");
        var help = await CliRun.RunAsync("translate", "--help");

        Assert.Equal(ExitCodes.Success, json.ExitCode);
        Assert.Equal("List", JsonNode.Parse(json.Out)!["kind"]!.ToString());
        Assert.DoesNotContain("--format", help.Out, StringComparison.Ordinal);
        Assert.Contains("-o, --output <yaml|json|name>", help.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Istio")]
    [InlineData("ISTIO")]
    public async Task MeshNames_AreCaseInsensitive(string mesh)
    {
        var lower = await CliRun.RunAsync("translate", Canary, "--mesh", "istio");
        var other = await CliRun.RunAsync("translate", Canary, "--mesh", mesh);
        var install = await CliRun.RunAsync("install", "--mesh", mesh, "-o", "name");

        Assert.True(other.ExitCode == ExitCodes.Success, other.Error);
        Assert.Equal(lower.Out, other.Out);
        Assert.True(install.ExitCode == ExitCodes.Success, install.Error);
        Assert.Contains("deployment.apps/smi-adapter-istio", install.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnumValues_AreLowerCaseInHelp_AndAcceptedInAnyCase()
    {
        var translateHelp = await CliRun.RunAsync("translate", "--help");
        var convertHelp = await CliRun.RunAsync("convert", "--help");
        var mirror = await CliRun.RunAsync("translate", Canary, "--mesh", "consul", "--consul-namespaces", "Mirror");

        Assert.Contains("--consul-namespaces <none|mirror>", translateHelp.Out, StringComparison.Ordinal);
        Assert.Contains("--header-encoding <list|map>", convertHelp.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch("<[A-Z][a-z]+\\|[A-Z]", translateHelp.Out + convertHelp.Out);
        Assert.True(mirror.ExitCode == ExitCodes.Success, mirror.Error);
    }

    [Fact]
    public async Task Timeout_TakesDurations_AndHelpShowsTheDefaultAsOne()
    {
        var help = await CliRun.RunAsync("metrics", "--help");
        var bad = await CliRun.RunAsync(
            "metrics", "deployment/web", "--prometheus", "http://127.0.0.1:9", "--mesh", "linkerd",
            "--timeout", "10x");

        Assert.Contains("[default: 10s]", help.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("00:00:10", help.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, bad.ExitCode);
        Assert.Contains("10s, 1m", bad.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("kustomize")]
    public async Task FolderCommands_RefuseAFormatWordAfterO(string command)
    {
        string[] args = command == "migrate"
            ? ["migrate", Canary, "--to", "gateway-api", "-o", "yaml"]
            : [command, "-o", "yaml"];

        var run = await CliRun.RunAsync(args);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--output-dir", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_OldOutputOption_StillNamesTheFolder()
    {
        var folder = Path.Combine(_work.FullName, "migrated");

        var run = await CliRun.RunAsync("migrate", Canary, "--to", "gateway-api", "-o", folder);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.True(File.Exists(Path.Combine(folder, "MIGRATION-REPORT.md")));
    }

    [Fact]
    public async Task TopLevelHelp_NamesEveryMesh()
    {
        var run = await CliRun.RunAsync("--help");

        foreach (var mesh in new[] { "istio", "linkerd", "consul", "gateway-api" })
        {
            Assert.Contains(mesh, run.Out.Split("Usage:")[0], StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> Commands() =>
        [.. SmiCommandLine.Create(new CliConsole(TextReader.Null, TextWriter.Null, TextWriter.Null)).Subcommands
            .Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task EveryCommandsHelp_EndsWithExamplesOfThatCommand(string command)
    {
        var run = await CliRun.RunAsync(command, "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var examples = run.Out.Split("\nExamples:\n");
        Assert.Equal(2, examples.Length);
        var lines = examples[1].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains($"smi {command}", l, StringComparison.Ordinal));
    }
}
