using Smi.Abstractions.Diagnostics;

namespace Smi.Adapters.GatewayApi.Migration;

/// <summary>The outcome of <see cref="SmiMigration.Run"/>.</summary>
/// <param name="ExitCode">0 when nothing has errors; 1 when the input or its translation has errors (then nothing is
/// written unless forced).</param>
/// <param name="Written">Whether the output folder was written.</param>
/// <param name="Objects">Every SMI object read, in input order, with what replaced it.</param>
/// <param name="Diagnostics">Every diagnostic of reading, validating, translating and rewriting.</param>
/// <param name="Files">The output files (relative to the output folder) that were, or would have been, written,
/// sorted.</param>
/// <param name="Report">The Markdown report, as written to <c>MIGRATION-REPORT.md</c>.</param>
public sealed record MigrationResult(
    int ExitCode, bool Written, IReadOnlyList<MigratedObject> Objects, IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<string> Files, string Report)
{
    /// <summary>The report's file name in the output folder.</summary>
    public const string ReportFileName = "MIGRATION-REPORT.md";

    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
