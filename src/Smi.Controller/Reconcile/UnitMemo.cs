using System.Collections.Immutable;
using Smi.Abstractions;

namespace Smi.Controller.Reconcile;

/// <summary>
/// What a unit read and wrote when it was last reconciled to the end: each input with its fingerprint (null when the
/// input was not in the cache), and the keys of the outputs it wanted. A resync skips the unit while its inputs are the
/// same and each of those outputs is live exactly as the controller last applied it.
/// </summary>
/// <param name="Inputs">The inputs and their fingerprints, in the unit index's order.</param>
/// <param name="Outputs">The keys of the outputs the unit wanted.</param>
internal sealed record UnitMemo(
    ImmutableArray<(ResourceRef Input, UInt128? Fingerprint)> Inputs, ImmutableHashSet<ResourceRef> Outputs)
{
    /// <summary>Whether <paramref name="inputs"/> are the inputs this memo was taken with, unchanged.</summary>
    /// <param name="inputs">The unit's inputs and their fingerprints now.</param>
    /// <returns><see langword="true"/> when every input and fingerprint is the same.</returns>
    public bool SameInputs(ImmutableArray<(ResourceRef Input, UInt128? Fingerprint)> inputs) =>
        inputs.Length == Inputs.Length
        && inputs.Zip(Inputs).All(p => p.First.Input == p.Second.Input
            && p.First.Fingerprint == p.Second.Fingerprint);
}
