using Smi.Testing;

namespace Smi.Cli.Tests;

public class GraphCommandTests
{
    private static readonly string[] Samples =
    [
        Path.Combine(RepositoryPaths.Samples, "access-control"),
        Path.Combine(RepositoryPaths.Samples, "canary"),
        Path.Combine(RepositoryPaths.Samples, "ab-testing"),
    ];

    [Theory]
    [InlineData("mermaid", "samples.mmd")]
    [InlineData("dot", "samples.dot")]
    public async Task Graph_OfTheSamples_MatchesTheGoldenFile(string format, string golden)
    {
        var run = await CliRun.RunAsync(["graph", .. Samples, "--format", format]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        GoldenFile.AssertMatches(Path.Combine(RepositoryPaths.TestData, "graph", golden), run.Out);
    }

    [Fact]
    public async Task Graph_IsTheSame_WhateverTheOrderOfTheInputs()
    {
        var forward = await CliRun.RunAsync(["graph", .. Samples]);
        var backward = await CliRun.RunAsync(["graph", .. Samples.Reverse()]);

        Assert.Equal(forward.Out, backward.Out);
        Assert.StartsWith("flowchart LR\n", forward.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_ShowsEachBackendsShare_AndEachAllowedCaller()
    {
        var run = await CliRun.RunAsync(["graph", .. Samples, "--format", "dot"]);

        Assert.Contains("label=\"90% (TrafficSplit web-canary)\", style=dashed", run.Out, StringComparison.Ordinal);
        Assert.Contains("allowed by TrafficTarget web-calls-api", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_OfBrokenInput_DrawsNothing()
    {
        const string input = """
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: bad, namespace: shop}
            spec: {service: web, backends: [{service: web-v1, weight: -5}]}
            """;

        var run = await CliRun.RunWithInputAsync(input, "graph", "-");

        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
    }
}
