using System.Text.Json.Nodes;
using Smi.Abstractions.Serialization;
using Smi.Testing;
using Smi.Webhooks.Admission;

namespace Smi.Cli.Tests;

/// <summary>
/// The hostile-value table (<see cref="HostileValues"/>) through <c>smi validate</c>, <c>smi translate</c> and the
/// admission webhook: each refuses, naming the object and the field.
/// </summary>
public class HostileValueGatesTests
{
    public static TheoryData<string> Labels => [.. HostileValues.All.Select(c => c.Label)];

    [Theory]
    [MemberData(nameof(Labels))]
    public async Task Validate_ExitsOne_NamingTheField(string label)
    {
        var hostile = HostileValues.All.Single(c => c.Label == label);

        var run = await CliRun.RunWithInputAsync(hostile.Yaml, "validate", "-");

        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.True(run.Error.Contains($" {hostile.Field}: ", StringComparison.Ordinal), run.Error);
        Assert.Contains("(-:", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public async Task Translate_ExitsOne_NamingTheField(string label)
    {
        var hostile = HostileValues.All.Single(c => c.Label == label);

        var run = await CliRun.RunWithInputAsync(hostile.Yaml, "translate", "--mesh", "istio", "-");

        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.True(run.Error.Contains($" {hostile.Field}: ", StringComparison.Ordinal), run.Error);
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void AdmissionWebhook_Denies_NamingTheField(string label)
    {
        var hostile = HostileValues.All.Single(c => c.Label == label);
        var json = Assert.Single(new ManifestLoader().LoadText(hostile.Yaml, "request").Objects).Json;

        var verdict = new SmiAdmissionWebhook().Validate((JsonObject)json.DeepClone(), "shop");

        Assert.False(verdict.Allowed);
        Assert.Contains(verdict.Errors, d => d.FieldPath == hostile.Field);
    }
}
