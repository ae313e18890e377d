using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Validation;

/// <summary>
/// One set of checks over the SMI objects of a snapshot. Validators add every problem they find and never stop early.
/// </summary>
public interface ISmiValidator
{
    /// <summary>Checks the snapshot.</summary>
    /// <param name="snapshot">The snapshot, holding every object whether valid or not.</param>
    /// <returns>The problems found.</returns>
    IEnumerable<Diagnostic> Validate(MeshSnapshot snapshot);
}
