using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Smi.Abstractions.Conversion;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Testing;
using Smi.Webhooks.Admission;
using Smi.Webhooks.Conversion;

namespace Smi.Cli.Tests;

/// <summary>
/// Mutates the golden inputs (type swaps, nulls, deletions, duplications, huge numbers, unicode, deep nesting,
/// aliases) and runs each through the loader, validation, every translator and both webhooks as functions: none may
/// throw, and each run has a time bound and a memory bound (bytes allocated by the run on its thread; the 627-byte
/// alias bomb of issue 17 allocated gigabytes). A failure prints the seed that reproduces it.
/// </summary>
public class MutatedInputPropertyTests
{
    private static readonly string Seed = PropertySeed.Or("0000FUZZ17SMI");
    private const int Runs = 3000;
    private const long PerRunAllocationBound = 256L * 1024 * 1024;
    private static readonly TimeSpan PerRunBound = TimeSpan.FromSeconds(10);

    private static readonly string[] Inputs = [.. Directory
        .EnumerateFiles(RepositoryPaths.TestData, "input.yaml", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(File.ReadAllText)];

    private static readonly string[] Replacements =
    [
        "5", "-1", "0", "null", "~", "true", "[]", "{}", "[null]", "\"\"", "1e400", "-1e400",
        "99999999999999999999999999", "2147483648", "0x1F", "1_000", "yes", "2001-01-01", ".inf", "\"\\u0000\"",
        "日本語", "\"\\uD800\"", "a{1001}", "\"../../etc\"", "UPPER_case", "&a x", "*a", "[1, [2, [3]]]",
        "{a: {b: {c: null}}}", "- x", "\"\\t\"", "'", "\"", "!!binary AAAA", "!custom x",
    ];

    private static readonly Gen<string> Mutant =
        Gen.Select(Gen.Int[0, Inputs.Length - 1], Gen.Int[0, int.MaxValue].Array[1, 5])
            .Select((input, picks) => Mutate(Inputs[input], picks));

    [Fact]
    public void Mutated_Golden_Inputs_Never_Throw()
    {
        Assert.NotEmpty(Inputs);
        using var provider = MeshRegistration.Build(new TranslateSettings());
        var catalog = MeshRegistration.Catalog(provider);
        var translators = new[] { "istio", "linkerd", "consul", "gateway-api" }
            .Select(m => catalog.Find(m) ?? throw new InvalidOperationException($"no translator for {m}"))
            .ToArray();
        Mutant.Sample(
            text =>
            {
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                RunEverything(text, translators);
                Assert.True(clock.Elapsed < PerRunBound, $"one input took {clock.Elapsed}");
                var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                Assert.True(
                    allocated < PerRunAllocationBound,
                    $"one input allocated {allocated:N0} bytes (bound {PerRunAllocationBound:N0})");
            },
            seed: Seed,
            iter: Runs,
            threads: 1,
            print: text => text.Length > 2000 ? text[..2000] + "..." : text);
    }

    private static void RunEverything(string text, Abstractions.Translation.IMeshTranslator[] translators)
    {
        var loaded = new ManifestLoader().LoadText(text, "input.yaml");
        var snapshot = SnapshotBuilder.FromLoadResult(loaded);
        foreach (var translator in translators)
        {
            var result = translator.Translate(snapshot);
            _ = ManifestWriter.ToYaml(result.Resources.Select(r => r.ToJson()));
        }

        var admission = new SmiAdmissionWebhook();
        foreach (var item in loaded.Objects.Where(o => SmiVersions.IsSmiGroup(o.Ref.ApiVersion)))
        {
            _ = admission.Validate((JsonObject)item.Json.DeepClone(), item.Ref.Namespace);
            foreach (var version in SmiVersions.VersionsOf(item.Ref.Group, item.Ref.Kind))
            {
                _ = SmiConversionWebhook.ConvertObject((JsonObject)item.Json.DeepClone(), version.ApiVersion);
            }
        }
    }

    /// <summary>Applies one mutation per pick to the lines of a manifest text.</summary>
    private static string Mutate(string text, int[] picks)
    {
        var lines = text.Split('\n').ToList();
        foreach (var pick in picks)
        {
            var at = pick % Math.Max(lines.Count, 1);
            var choice = pick / 7 % Replacements.Length;
            switch (pick % 7)
            {
                case 0 when lines.Count > 1:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, lines[at]);
                    break;
                case 2:
                    lines[at] = ReplaceValue(lines[at], Replacements[choice]);
                    break;
                case 3:
                    var depth = 1 + (pick / 11 % 300);
                    lines[at] = ReplaceValue(lines[at], new string('[', depth) + new string(']', depth));
                    break;
                case 4:
                    lines.Insert(0, "x: &a [1, *a]");
                    break;
                case 5:
                    var unicode = char.ConvertFromUtf32(0x80 + (pick % 0xD000));
                    lines[at] = lines[at].Insert(lines[at].Length / 2, unicode);
                    break;
                default:
                    var exponent = pick % 3 == 0
                        ? ".5e" + (pick % 500).ToString(CultureInfo.InvariantCulture)
                        : string.Empty;
                    lines[at] = ReplaceValue(lines[at], (pick % 2 == 0 ? "-" : string.Empty)
                        + new StringBuilder().Insert(0, "9", 1 + (pick % 40)) + exponent);
                    break;
            }
        }

        return string.Join('\n', lines);
    }

    private static string ReplaceValue(string line, string value)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? line + " " + value : line[..(colon + 2)] + value;
    }
}
