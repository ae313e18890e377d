using Smi.Testing;

namespace Smi.Cli.Tests;

/// <summary>
/// The GitHub workflows pass <c>action-validator</c> (npm package <c>@action-validator/cli</c>), which checks them
/// against the published workflow schema: a broken workflow fails the test suite, and so CI. <c>.ci/run</c> installs
/// the validator and names it in <c>SMI_ACTION_VALIDATOR</c>; without it the test installs it with npm.
/// </summary>
public class WorkflowLintTests
{
    private const string ValidatorPackage = "@action-validator/cli@0.6.0";

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private static string? installed;

    private static string Workflows => Path.Combine(RepositoryPaths.Root, ".github", "workflows");

    private static async Task<string> ValidatorAsync()
    {
        if (Environment.GetEnvironmentVariable("SMI_ACTION_VALIDATOR") is { Length: > 0 } fromEnvironment)
        {
            Assert.True(File.Exists(fromEnvironment), $"SMI_ACTION_VALIDATOR names {fromEnvironment}: no such file");
            return fromEnvironment;
        }

        await InstallLock.WaitAsync();
        try
        {
            if (installed is null)
            {
                var prefix = Path.Combine(Path.GetTempPath(), "smi-action-validator");
                var run = await ExternalCommand.RunAsync(
                    "npm", RepositoryPaths.Root, Deadline,
                    "install", "--no-save", "--no-audit", "--no-fund", "--prefix", prefix, ValidatorPackage);
                Assert.True(run.ExitCode == 0, $"npm install {ValidatorPackage} failed:\n{run.Output}");
                installed = Path.Combine(prefix, "node_modules", ".bin", "action-validator");
            }

            return installed;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    [Theory]
    [InlineData("ci.yml")]
    [InlineData("release.yml")]
    public async Task Workflow_PassesTheValidator(string file)
    {
        var validator = await ValidatorAsync();

        var run = await ExternalCommand.RunAsync(
            validator, RepositoryPaths.Root, Deadline, Path.Combine(".github", "workflows", file));

        Assert.True(run.ExitCode == 0, $"{file} does not pass action-validator:\n{run.Output}");
    }

    [Fact]
    public void EveryWorkflow_IsLinted()
    {
        var files = Directory.EnumerateFiles(Workflows).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

        Assert.Equal(["ci.yml", "release.yml"], files);
    }

    [Fact]
    public async Task BrokenWorkflow_FailsTheValidator()
    {
        var validator = await ValidatorAsync();
        var folder = Directory.CreateTempSubdirectory("smi-workflow-");
        try
        {
            // The CI workflow with a misspelt key, as a typo would leave it.
            var broken = (await File.ReadAllTextAsync(Path.Combine(Workflows, "ci.yml")))
                .Replace("    steps:", "    stepz:", StringComparison.Ordinal);
            var file = Path.Combine(folder.FullName, "ci.yml");
            await File.WriteAllTextAsync(file, broken);

            var run = await ExternalCommand.RunAsync(validator, folder.FullName, Deadline, file);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("stepz", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
