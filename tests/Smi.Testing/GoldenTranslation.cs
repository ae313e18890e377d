using System.Text;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Testing;

/// <summary>Runs a translator on a golden case and compares its output and diagnostics with the case's files.</summary>
public static class GoldenTranslation
{
    /// <summary>Loads a case's <c>input.yaml</c> into a snapshot.</summary>
    /// <param name="caseName">The case.</param>
    /// <returns>The snapshot.</returns>
    public static MeshSnapshot LoadSnapshot(string caseName)
    {
        var text = File.ReadAllText(Path.Combine(GoldenCases.Folder(caseName), "input.yaml"));
        return SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(text, "input.yaml"));
    }

    /// <summary>
    /// Translates a case and asserts that <c>&lt;mesh&gt;.yaml</c> and <c>&lt;mesh&gt;.diagnostics.txt</c> hold exactly
    /// the output (with <c>SMI_UPDATE_GOLDEN=1</c>, rewrites them).
    /// </summary>
    /// <param name="translator">The translator.</param>
    /// <param name="caseName">The case.</param>
    /// <returns>The translation result, for further checks.</returns>
    public static TranslationResult AssertMatches(IMeshTranslator translator, string caseName)
    {
        ArgumentNullException.ThrowIfNull(translator);
        var snapshot = LoadSnapshot(caseName);
        var result = translator.Translate(snapshot);
        var folder = GoldenCases.Folder(caseName);
        GoldenFile.AssertMatches(Path.Combine(folder, $"{translator.Mesh}.yaml"), ManifestWriter.ToYaml(result.Resources.Select(r => r.ToJson())));
        GoldenFile.AssertMatches(Path.Combine(folder, $"{translator.Mesh}.diagnostics.txt"), FormatDiagnostics(result.Diagnostics));
        return result;
    }

    /// <summary>Formats diagnostics one per line, as golden files hold them.</summary>
    /// <param name="diagnostics">The diagnostics.</param>
    /// <returns>The text; empty when there are none.</returns>
    public static string FormatDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in diagnostics)
        {
            text.Append(diagnostic).Append('\n');
        }

        return text.ToString();
    }
}
