using Smi.Testing;

namespace Smi.Cli.Tests;

public class ValidateCommandTests
{
    [Fact]
    public async Task Validate_CleanInput_ExitsZero()
    {
        var run = await CliRun.RunAsync("validate", Path.Combine(GoldenCases.Folder("shop-example"), "input.yaml"));
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("5 SMI object(s) checked", run.Out, StringComparison.Ordinal);
        Assert.Equal(Commands.ValidateCommand.MeshChecksNote, run.Error.Trim());
    }

    [Fact]
    public async Task Validate_InvalidInput_ExitsOne_AndNamesObjectAndField()
    {
        const string input = """
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: bad, namespace: shop}
            spec:
              service: web
              backends:
              - service: web-v1
                weight: -5
            """;
        var run = await CliRun.RunWithInputAsync(input, "validate", "-");
        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains("error InvalidWeight TrafficSplit shop/bad spec.backends[0].weight", run.Error, StringComparison.Ordinal);
        Assert.Contains("(-:1)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsOne()
    {
        var run = await CliRun.RunAsync("validate", "does-not-exist.yaml");
        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains("FileNotFound", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_ExitsTwo()
    {
        var run = await CliRun.RunAsync("validate", "--bogus", "x.yaml");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--bogus", run.Error, StringComparison.Ordinal);
    }
}
