namespace Smi.Abstractions.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Something worth knowing; nothing is wrong.</summary>
    Info = 0,

    /// <summary>The input works but probably not as intended, or a mesh expresses it only partly.</summary>
    Warning = 1,

    /// <summary>The input is invalid or cannot be expressed; the affected object produced no output.</summary>
    Error = 2,
}
