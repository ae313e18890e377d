using Smi.Abstractions.Diagnostics;

namespace Smi.Cli;

/// <summary>Prints diagnostics, one per line, in a stable order, with a summary.</summary>
internal static class DiagnosticPrinter
{
    public static void Print(TextWriter writer, IEnumerable<Diagnostic> diagnostics, bool includeInfo)
    {
        var list = diagnostics.Distinct().Order(DiagnosticOrder.Instance).ToList();
        foreach (var diagnostic in list.Where(d => includeInfo || d.Severity != DiagnosticSeverity.Info))
        {
            writer.WriteLine(diagnostic.Mesh is null ? diagnostic.ToString() : $"{diagnostic} [{diagnostic.Mesh}]");
        }

        var errors = list.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = list.Count(d => d.Severity == DiagnosticSeverity.Warning);
        if (errors + warnings > 0)
        {
            writer.WriteLine($"{errors} error(s), {warnings} warning(s)");
        }
    }
}
