using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Smi.Testing;
using Smi.Testing.ToyMesh;

namespace Smi.Cli.Tests;

/// <summary>
/// A fifth mesh, added by its adapter and one registration line: help, <c>translate</c>, <c>install</c> and
/// <c>metrics</c> offer it as they offer the shipped meshes, and a command line without the line does not know it.
/// </summary>
public sealed class ToyMeshTests
{
    private static readonly string Canary = Path.Combine(RepositoryPaths.TestData, "canary-basic", "input.yaml");

    private static Task<CliRun> RunWithToyAsync(params string[] args) =>
        CliRun.RunWithAdaptersAsync(smi => smi.AddAdapter<ToyAdapter>(), args);

    [Fact]
    public async Task Translate_Runs_The_Registered_Toy_Translator()
    {
        var run = await RunWithToyAsync("translate", Canary, "--mesh", "toy", "-o", "json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var items = JsonNode.Parse(run.Out)!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var table = Assert.Single(items);
        Assert.Equal("toy.example.com/v1alpha1", table["apiVersion"]!.GetValue<string>());
        Assert.Equal("RouteTable", table["kind"]!.GetValue<string>());
        Assert.Equal("toy-web", table["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("toy", table["metadata"]!["labels"]!["smi-adapter.io/mesh"]!.GetValue<string>());
        Assert.NotNull(table["backends"]!["web-v2"]);
    }

    [Fact]
    public async Task Without_The_Registration_Line_The_Toy_Mesh_Is_Unknown()
    {
        var run = await CliRun.RunAsync("translate", Canary, "--mesh", "toy");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("toy", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(", toy", (await CliRun.RunAsync("--help")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Lists_The_Toy_Mesh_With_The_Shipped_Ones()
    {
        var root = await RunWithToyAsync("--help");
        Assert.Contains("linkerd, toy", root.Out, StringComparison.Ordinal);

        var metrics = await RunWithToyAsync("metrics", "--help");
        Assert.Contains("consul|istio|linkerd|toy", metrics.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_Grants_The_Kinds_The_Toy_Adapter_Declares()
    {
        var run = await RunWithToyAsync("install", "--mesh", "toy", "--format", "json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var items = JsonNode.Parse(run.Out)!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var clusterRole = items.Single(o => o["kind"]!.GetValue<string>() == "ClusterRole");
        Assert.Equal("smi-adapter-toy", clusterRole["metadata"]!["name"]!.GetValue<string>());
        var rules = clusterRole["rules"]!.AsArray()
            .Select(r => (
                Resource: r!["resources"]![0]!.GetValue<string>(),
                Verbs: string.Join(",", r["verbs"]!.AsArray().Select(v => v!.GetValue<string>()))))
            .ToList();
        Assert.Contains(("routetables", "create,delete,get,list,patch,watch"), rules);
        Assert.Contains(("endpoints", "get,list,watch"), rules);
        Assert.DoesNotContain(rules, r => r.Resource is "virtualservices" or "httproutes" or "servicesplitters");
        var deployment = items.Single(o => o["kind"]!.GetValue<string>() == "Deployment");
        Assert.Contains("--mesh=toy", deployment.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_Control_Is_Refused_For_A_Mesh_Without_Delegates()
    {
        var run = await RunWithToyAsync("install", "--mesh", "toy", "--access-control", "istio");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--access-control applies to --mesh gateway-api only", run.Error, StringComparison.Ordinal);
    }
}
