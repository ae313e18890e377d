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

    /// <summary>
    /// Whatever the input holds, each diagnostic is one line without control characters: no ANSI sequence reaches the
    /// terminal and no name starts a line of its own.
    /// </summary>
    [Theory]
    [MemberData(nameof(Labels))]
    public async Task Diagnostics_AreOneLineEach_WithoutControlCharacters(string label)
    {
        var hostile = HostileValues.All.Single(c => c.Label == label);

        foreach (var args in new[] { new[] { "validate", "-" }, ["translate", "--mesh", "linkerd", "-"] })
        {
            var run = await CliRun.RunWithInputAsync(hostile.Yaml, args);

            var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(lines);
            Assert.All(lines, line => Assert.DoesNotContain(line.TrimEnd('\r'), char.IsControl));
            Assert.Contains(lines, line => line.StartsWith("error ", StringComparison.Ordinal));
            Assert.All(
                lines.Where(line => line.StartsWith("error ", StringComparison.Ordinal)),
                line => Assert.Matches("^error [A-Z][A-Za-z]+ ", line));
        }
    }

    [Fact]
    public async Task NameWithAnsiEscapeAndNewline_IsPrintedEscaped()
    {
        var hostile = HostileValues.All.Single(c => c.Label == "name with ANSI escape and newline");

        var run = await CliRun.RunWithInputAsync(hostile.Yaml, "validate", "-");

        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains(@"TrafficSplit shop/a\e[31mred\nerror Forged metadata.name: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\nerror Forged", run.Error, StringComparison.Ordinal);
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
