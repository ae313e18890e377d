using Smi.Abstractions.Diagnostics;

namespace Smi.Controller.Reconcile;

/// <summary>The outcome of reconciling one unit: one key in, one outcome out.</summary>
/// <param name="Result">What it came to.</param>
/// <param name="Permissions">The missing permissions to report on the unit's SMI objects.</param>
/// <param name="Error">The error of a retry, for the log.</param>
internal sealed record UnitOutcome(UnitResult Result, IReadOnlyList<Diagnostic> Permissions, Exception? Error = null)
{
    /// <summary>Applied and pruned.</summary>
    public static UnitOutcome Done { get; } = new(UnitResult.Done, []);

    /// <summary>Leadership ended during the unit's writes.</summary>
    public static UnitOutcome LeadershipLost { get; } = new(UnitResult.LeadershipLost, []);
}
