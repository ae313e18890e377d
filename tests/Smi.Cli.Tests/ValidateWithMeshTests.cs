namespace Smi.Cli.Tests;

/// <summary><c>validate --mesh</c> runs the checks of <c>translate</c>, so the two agree on one input.</summary>
public class ValidateWithMeshTests
{
    private const string TargetWithoutWorkloads = """
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: api, namespace: shop}
        spec:
          destination: {kind: ServiceAccount, name: api, namespace: shop}
          sources:
          - {kind: ServiceAccount, name: web, namespace: shop}
          rules:
          - {kind: TCPRoute, name: tcp}
        ---
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: TCPRoute
        metadata: {name: tcp, namespace: shop}
        spec: {}
        """;

    [Fact]
    public async Task PlainValidate_Passes_AndSaysWhichChecksNeedAMesh()
    {
        var run = await CliRun.RunWithInputAsync(TargetWithoutWorkloads, "validate", "-");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("run only with --mesh NAME", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("linkerd")]
    [InlineData("Istio")]
    public async Task ValidateWithMesh_ReportsWhatTranslateReports_WithFileAndLine(string mesh)
    {
        var validate = await CliRun.RunWithInputAsync(TargetWithoutWorkloads, "validate", "-", "--mesh", mesh);
        var translate = await CliRun.RunWithInputAsync(TargetWithoutWorkloads, "translate", "-", "--mesh", mesh);

        Assert.Equal(translate.ExitCode, validate.ExitCode);
        var translateDiagnostics = translate.Error.Replace(
            "nothing written: fix the errors above and run again", string.Empty, StringComparison.Ordinal).Trim();
        Assert.Equal(translateDiagnostics, validate.Error.Trim());
        Assert.DoesNotContain("run only with --mesh", validate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslationErrors_CarryTheFileAndLineOfTheirObject()
    {
        var run = await CliRun.RunWithInputAsync(TargetWithoutWorkloads, "validate", "-", "--mesh", "linkerd");

        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains(
            "error DestinationWorkloadsNotFound TrafficTarget shop/api", run.Error, StringComparison.Ordinal);
        Assert.Contains("(-:1) [linkerd]", run.Error, StringComparison.Ordinal);
    }
}
