using Smi.Testing;

namespace Smi.Cli.Tests;

public class CompletionCommandTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("bash", "complete -o default -F _smi_complete smi")]
    [InlineData("zsh", "compdef _smi_complete smi kubectl-smi")]
    [InlineData("fish", "complete -c smi -f -a '(__smi_complete)'")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName smi, kubectl-smi")]
    public async Task EachShell_GetsAScriptThatAsksSmiForCandidates(string shell, string registration)
    {
        var run = await CliRun.RunAsync("completion", shell);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(registration, run.Out, StringComparison.Ordinal);
        Assert.Contains("[suggest:", run.Out, StringComparison.Ordinal);
        Assert.True(run.Out.Split('\n').Length >= 8, run.Out);
    }

    [Fact]
    public async Task UnknownShell_IsAUsageError()
    {
        var run = await CliRun.RunAsync("completion", "tcsh");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("bash, zsh, fish, pwsh", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestDirective_CompletesMeshNames()
    {
        var run = await CliRun.RunAsync("[suggest:21]", "smi translate --mesh ");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(
            ["consul", "gateway-api", "istio", "linkerd"], run.Out.ReplaceLineEndings("\n").Trim().Split('\n'));
    }

    [Fact]
    public async Task BashScript_IsValidBash()
    {
        var script = await WriteScriptAsync("bash");
        try
        {
            var check = await ExternalCommand.RunAsync("bash", Path.GetTempPath(), Deadline, "-n", script);

            Assert.True(check.ExitCode == 0, check.Output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task BashScript_CompletesAMeshName_ThroughSmi()
    {
        var script = await WriteScriptAsync("bash");
        var smi = Path.Combine(AppContext.BaseDirectory, "smi.dll");
        const string session = """
            dll="$2"
            source "$1"
            smi() { dotnet "$dll" "$@"; }
            COMP_LINE="smi translate --mesh li"
            COMP_POINT=${#COMP_LINE}
            COMP_WORDS=(smi translate --mesh li)
            COMP_CWORD=3
            _smi_complete
            echo "${COMPREPLY[*]}"
            """;
        try
        {
            var run = await ExternalCommand.RunAsync(
                "bash", Path.GetTempPath(), Deadline, "-c", session, "bash", script, smi);

            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Equal("linkerd", run.Output.Trim());
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<string> WriteScriptAsync(string shell)
    {
        var run = await CliRun.RunAsync("completion", shell);
        var path = Path.Combine(Path.GetTempPath(), $"smi-completion-{Guid.NewGuid():N}.{shell}");
        await File.WriteAllTextAsync(path, run.Out);
        return path;
    }
}
