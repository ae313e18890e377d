namespace Smi.Abstractions.Diagnostics;

/// <summary>A place in an input file.</summary>
/// <param name="File">The file name as the user gave it, or <c>-</c> for standard input.</param>
/// <param name="Line">The 1-based line number, or 0 when unknown.</param>
public sealed record SourceLocation(string File, int Line)
{
    /// <summary>Formats as <c>file:line</c>.</summary>
    /// <returns>The display form.</returns>
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
