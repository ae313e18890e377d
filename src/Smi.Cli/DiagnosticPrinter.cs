using Smi.Abstractions.Diagnostics;

namespace Smi.Cli;

/// <summary>
/// Prints diagnostics, one per line, in a stable order, with a summary. Text from the input is escaped
/// (<see cref="TerminalText"/>): a diagnostic is always exactly one line, free of terminal control sequences.
/// </summary>
internal static class DiagnosticPrinter
{
    public static void Print(TextWriter writer, IEnumerable<Diagnostic> diagnostics, bool includeInfo)
    {
        var list = diagnostics.Distinct().Order(DiagnosticOrder.Instance).ToList();
        foreach (var diagnostic in list.Where(d => includeInfo || d.Severity != DiagnosticSeverity.Info))
        {
            var safe = Printable(diagnostic);
            var line = safe.Mesh is null ? safe.ToString() : $"{safe} [{safe.Mesh}]";
            writer.WriteLine(TerminalText.EscapeControls(line));
        }

        var errors = list.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = list.Count(d => d.Severity == DiagnosticSeverity.Warning);
        if (errors + warnings > 0)
        {
            writer.WriteLine($"{errors} error(s), {warnings} warning(s)");
        }
    }

    /// <summary>
    /// The diagnostic with its object's name and namespace and its field path escaped (backslashes too), so that the
    /// prefix of the line, which readers and tools take apart, shows exactly what the input holds.
    /// </summary>
    private static Diagnostic Printable(Diagnostic diagnostic) => diagnostic with
    {
        Object = diagnostic.Object is { } o
            ? o with
            {
                Name = TerminalText.EscapeName(o.Name),
                Namespace = o.Namespace is null ? null : TerminalText.EscapeName(o.Namespace),
            }
            : null,
        FieldPath = diagnostic.FieldPath is null ? null : TerminalText.EscapeName(diagnostic.FieldPath),
    };
}
