using System.Text.RegularExpressions;
using Smi.Cli.Install;
using Smi.Testing;

namespace Smi.Cli.Tests;

public partial class ReleaseWorkflowTests
{
    private static string ReleaseWorkflow =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".github", "workflows", "release.yml"));

    [Fact]
    public void Release_AttachesTheInstallManifestsOfEveryRegisteredMesh()
    {
        var loop = MeshLoopPattern().Match(ReleaseWorkflow);

        Assert.True(loop.Success, "release.yml has no `for mesh in ...` loop over smi install");
        var released = loop.Groups["meshes"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(InstallableMeshes.All().Order(StringComparer.Ordinal), released.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Release_PublishesTheImageThatSmiInstallNames()
    {
        var workflow = ReleaseWorkflow;

        Assert.Contains("-t:PublishContainer", workflow, StringComparison.Ordinal);
        Assert.Contains("-p:ContainerRegistry=ghcr.io", workflow, StringComparison.Ordinal);
        Assert.Contains($"image: {ToolVersion.ImageRepository}:", workflow, StringComparison.Ordinal);
        Assert.Contains("tags: ['v*']", workflow, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"for mesh in (?<meshes>[a-z -]+); do\s+artifacts/tool/smi install")]
    private static partial Regex MeshLoopPattern();
}
