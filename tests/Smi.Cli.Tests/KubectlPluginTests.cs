using Smi.Testing;

namespace Smi.Cli.Tests;

/// <summary><c>kubectl smi ARGS</c>: kubectl runs <c>kubectl-smi</c> from PATH, which runs <c>smi ARGS</c>.</summary>
public sealed class KubectlPluginTests : IDisposable
{
    private readonly DirectoryInfo _bin = Directory.CreateTempSubdirectory("smi-plugin-");

    private static string Plugin => Path.Combine(RepositoryPaths.Root, "src", "Smi.Cli", "kubectl-smi");

    public void Dispose() => _bin.Delete(recursive: true);

    [Fact]
    public async Task Plugin_IsExecutable_AndPassesEveryArgumentToSmi()
    {
        var fakeSmi = Path.Combine(_bin.FullName, "smi");
        await File.WriteAllTextAsync(fakeSmi, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");

        var run = await ExternalCommand.RunAsync(
            "sh",
            _bin.FullName,
            TimeSpan.FromMinutes(1),
            "-c",
            "chmod +x \"$1/smi\" && test -x \"$2\" && PATH=\"$1:$PATH\" \"$2\" translate - --mesh istio \"a b\"",
            "sh",
            _bin.FullName,
            Plugin);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(["translate", "-", "--mesh", "istio", "a b"], run.Output.Trim().Split('\n'));
    }
}
