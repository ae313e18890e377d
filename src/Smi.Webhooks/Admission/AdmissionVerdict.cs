using Smi.Abstractions.Diagnostics;

namespace Smi.Webhooks.Admission;

/// <summary>What admission found about one object.</summary>
/// <param name="Errors">Problems that refuse the object.</param>
/// <param name="Warnings">Problems returned as admission warnings.</param>
public sealed record AdmissionVerdict(IReadOnlyList<Diagnostic> Errors, IReadOnlyList<Diagnostic> Warnings)
{
    /// <summary>Whether the object is admitted.</summary>
    public bool Allowed => Errors.Count == 0;
}
