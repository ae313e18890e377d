using Smi.Abstractions.Diagnostics;

namespace Smi.Abstractions.Conversion;

/// <summary>Carries the object being converted and collects what a conversion could not carry over.</summary>
/// <param name="Object">The object being converted.</param>
public sealed class ConversionContext(ResourceRef Object)
{
    private readonly List<Diagnostic> _diagnostics = [];

    /// <summary>The object being converted.</summary>
    public ResourceRef Object { get; } = Object;

    /// <summary>The diagnostics collected so far.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>Reports a field the target version cannot hold.</summary>
    /// <param name="fieldPath">The field that is lost.</param>
    /// <param name="targetApiVersion">The version being written.</param>
    /// <param name="detail">What is lost.</param>
    public void ReportLossy(string fieldPath, string targetApiVersion, string detail) =>
        _diagnostics.Add(Diagnostic.Warning(
            SmiReasons.LossyConversion,
            Object,
            fieldPath,
            $"{targetApiVersion} has no place for {detail}; it is left out. Keep the object in a version that has it "
                + "if it matters."));

    /// <summary>Adds any diagnostic.</summary>
    /// <param name="diagnostic">The diagnostic.</param>
    public void Report(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);
}
