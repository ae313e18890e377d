using System.Text;

namespace Smi.Abstractions.Diagnostics;

/// <summary>
/// One problem or remark about the input or its translation. Diagnostics are collected, never thrown.
/// </summary>
/// <param name="Reason">A stable PascalCase code, for example <c>InvalidWeight</c>.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Object">The object it is about, when there is one.</param>
/// <param name="FieldPath">The field it is about, for example <c>spec.backends[1].weight</c>.</param>
/// <param name="Message">What is wrong and what to do about it.</param>
public sealed record Diagnostic(
    string Reason, DiagnosticSeverity Severity, ResourceRef? Object, string? FieldPath, string Message)
{
    /// <summary>Where in the input the object or problem is, when it was read from a file.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The mesh whose translator reported it, or <see langword="null"/> for input diagnostics.</summary>
    public string? Mesh { get; init; }

    /// <summary>Creates an error.</summary>
    /// <param name="reason">The stable reason code.</param>
    /// <param name="obj">The object.</param>
    /// <param name="fieldPath">The field path.</param>
    /// <param name="message">The message.</param>
    /// <returns>The diagnostic.</returns>
    public static Diagnostic Error(string reason, ResourceRef? obj, string? fieldPath, string message) =>
        new(reason, DiagnosticSeverity.Error, obj, fieldPath, message);

    /// <summary>Creates a warning.</summary>
    /// <param name="reason">The stable reason code.</param>
    /// <param name="obj">The object.</param>
    /// <param name="fieldPath">The field path.</param>
    /// <param name="message">The message.</param>
    /// <returns>The diagnostic.</returns>
    public static Diagnostic Warning(string reason, ResourceRef? obj, string? fieldPath, string message) =>
        new(reason, DiagnosticSeverity.Warning, obj, fieldPath, message);

    /// <summary>Creates an informational remark.</summary>
    /// <param name="reason">The stable reason code.</param>
    /// <param name="obj">The object.</param>
    /// <param name="fieldPath">The field path.</param>
    /// <param name="message">The message.</param>
    /// <returns>The diagnostic.</returns>
    public static Diagnostic Info(string reason, ResourceRef? obj, string? fieldPath, string message) =>
        new(reason, DiagnosticSeverity.Info, obj, fieldPath, message);

    /// <summary>
    /// Formats as one line: <c>severity Reason Kind ns/name field: message (file:line)</c>. Golden files and the CLI
    /// use it.
    /// </summary>
    /// <returns>The line.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        });
        text.Append(' ').Append(Reason);
        if (Object is not null)
        {
            text.Append(' ').Append(Object.Kind).Append(' ');
            if (Object.Namespace is not null)
            {
                text.Append(Object.Namespace).Append('/');
            }

            text.Append(Object.Name);
        }

        if (!string.IsNullOrEmpty(FieldPath))
        {
            text.Append(' ').Append(FieldPath);
        }

        text.Append(": ").Append(Message);
        if (Location is not null)
        {
            text.Append(" (").Append(Location).Append(')');
        }

        return text.ToString();
    }
}
