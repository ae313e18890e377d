using Smi.Abstractions.Serialization;

namespace Smi.Adapters.GatewayApi.Migration;

/// <summary>What <see cref="SmiMigration.Run"/> reads and where it writes.</summary>
public sealed class MigrationOptions
{
    /// <summary>
    /// Files and folders to read; folders are read recursively (<c>.yaml</c>, <c>.yml</c>, <c>.json</c> are parsed,
    /// other files copied).
    /// </summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>
    /// The output folder. It mirrors each input folder's tree; an input file lands at its top level. The report is
    /// written there as <c>MIGRATION-REPORT.md</c>.
    /// </summary>
    public string OutputDirectory { get; init; } = string.Empty;

    /// <summary>
    /// Whether to write even when the input or its translation has errors. Default <see langword="false"/>.
    /// </summary>
    public bool Force { get; init; }

    /// <summary>How much is read, per file and in all. Default <see cref="InputLimits.Default"/>.</summary>
    public InputLimits Limits { get; init; } = InputLimits.Default;
}
