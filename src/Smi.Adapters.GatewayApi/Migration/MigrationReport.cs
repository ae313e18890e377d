using System.Globalization;
using System.Text;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;

namespace Smi.Adapters.GatewayApi.Migration;

/// <summary>Writes the Markdown report of a migration.</summary>
internal static class MigrationReport
{
    /// <summary>Renders the report.</summary>
    /// <param name="mesh">The target mesh.</param>
    /// <param name="fileCount">The number of input files.</param>
    /// <param name="objects">The SMI objects.</param>
    /// <param name="diagnostics">Every diagnostic.</param>
    /// <param name="generated">The number of generated objects.</param>
    /// <param name="written">Whether the output was written.</param>
    /// <param name="hasErrors">Whether there were errors.</param>
    /// <returns>The Markdown text.</returns>
    public static string Render(
        string mesh, int fileCount, IReadOnlyList<MigratedObject> objects, IReadOnlyList<Diagnostic> diagnostics,
        int generated, bool written, bool hasErrors)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append("# SMI migration report\n\n");
        text.Append(
            invariant,
            $"Target: `{mesh}`. Files read: {fileCount}. SMI objects: {objects.Count}. Generated objects: " +
            $"{generated}. ");
        text.Append(
            invariant,
            $"Errors: {Count(diagnostics, DiagnosticSeverity.Error)}, warnings: " +
            $"{Count(diagnostics, DiagnosticSeverity.Warning)}, notes: " +
            $"{Count(diagnostics, DiagnosticSeverity.Info)}.\n\n");
        text.Append(!written
            ? "**Nothing was written**: fix the errors below, or run again with `--force` to write what could be " +
                "carried over.\n\n"
            : hasErrors
                ? "**Written despite errors** (`--force`): the objects named in the errors below were not carried " +
                    "over, or only in part.\n\n"
                : "Every SMI object was replaced; every other document and file was kept byte for byte.\n\n");

        text.Append("## SMI objects\n\n");
        if (objects.Count == 0)
        {
            text.Append("None found.\n\n");
        }
        else
        {
            text.Append("| SMI object | Read from | Replaced by | Written in |\n| --- | --- | --- | --- |\n");
            foreach (var obj in objects)
            {
                var replacedBy = obj.ReplacedBy.Count == 0
                    ? "nothing"
                    : string.Join("<br>", obj.ReplacedBy.Select(Name));
                var writtenIn = obj.WrittenTo ?? "-";
                text.Append(
                    invariant,
                    $"| {Escape(Name(obj.Source))} | {Escape($"{obj.Location.File}:{obj.Location.Line}")} | " +
                    $"{Escape(replacedBy)} | {Escape(writtenIn)} |\n");
            }

            text.Append('\n');
        }

        text.Append("## Diagnostics\n\n");
        if (diagnostics.Count == 0)
        {
            text.Append("None.\n");
        }

        foreach (var diagnostic in diagnostics)
        {
            text.Append("- ");
            if (diagnostic.Mesh is { } diagnosticMesh)
            {
                text.Append('[').Append(diagnosticMesh).Append("] ");
            }

            text.Append(diagnostic.ToString().ReplaceLineEndings(" ")).Append('\n');
        }

        return text.ToString();
    }

    private static int Count(IReadOnlyList<Diagnostic> diagnostics, DiagnosticSeverity severity) =>
        diagnostics.Count(d => d.Severity == severity);

    private static string Name(ResourceRef reference) =>
        reference.Namespace is null
            ? $"{reference.Kind} {reference.Name}"
            : $"{reference.Kind} {reference.Namespace}/{reference.Name}";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
