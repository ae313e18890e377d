namespace Smi.Cli;

/// <summary>The streams a command reads and writes; tests pass their own.</summary>
/// <param name="In">Standard input (read for the path <c>-</c>).</param>
/// <param name="Out">Standard output: manifests and reports.</param>
/// <param name="Error">Standard error: diagnostics.</param>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);
