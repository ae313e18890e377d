using Smi.Testing;

namespace Smi.Cli.Tests;

public class TranslateSamplesTests
{
    /// <summary>The CRD folders each mesh's output is checked against, relative to the repository's crds/ folder.</summary>
    private static readonly Dictionary<string, string[]> CrdFolders = new(StringComparer.Ordinal)
    {
        ["consul"] = ["consul"],
        ["istio"] = ["istio"],
        ["linkerd"] = ["linkerd", "gateway-api/v1.2.1/standard"],
        ["gateway-api"] = ["linkerd", "gateway-api/v1.2.1/standard"],
    };

    /// <summary>Extra options per mesh: Gateway API has no access control, so TrafficTargets go to Linkerd's resources.</summary>
    private static readonly Dictionary<string, string[]> MeshArguments = new(StringComparer.Ordinal)
    {
        ["gateway-api"] = ["--access-control", "linkerd"],
    };

    public static TheoryData<string, string> SamplesByMesh()
    {
        var data = new TheoryData<string, string>();
        foreach (var sample in Directory.EnumerateDirectories(RepositoryPaths.Samples).Where(d => Directory.EnumerateFiles(d, "*.yaml").Any()).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            foreach (var mesh in CrdFolders.Keys.Order(StringComparer.Ordinal))
            {
                data.Add(sample!, mesh);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SamplesByMesh))]
    public async Task Sample_Translates_AndPassesTheMeshCrds(string sample, string mesh)
    {
        var registered = await CliRun.RunAsync("translate", "--mesh", mesh, "--help");
        Assert.True(registered.Out.Contains(mesh, StringComparison.Ordinal), $"mesh {mesh} is not registered");

        var args = new List<string> { "translate", Path.Combine(RepositoryPaths.Samples, sample), "--mesh", mesh, "--default-deny" };
        args.AddRange(MeshArguments.GetValueOrDefault(mesh, []));
        var crds = RepositoryPaths.Crds;
        foreach (var folder in CrdFolders[mesh])
        {
            args.AddRange(["--check-crds", Path.Combine(crds, folder)]);
        }

        var run = await CliRun.RunAsync([.. args]);
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("app.kubernetes.io/managed-by: smi-adapter", run.Out, StringComparison.Ordinal);
    }
}
