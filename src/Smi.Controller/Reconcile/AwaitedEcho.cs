using Smi.Abstractions.Snapshot;
using Smi.Controller.Cache;

namespace Smi.Controller.Reconcile;

/// <summary>
/// An apply or a prune whose watch event the cache has yet to show: until it does, the unit that wrote the output is
/// not reconciled from the cache, which would not list an applied output (and so never prune it), or would still list
/// a pruned one (and not create it again).
/// </summary>
/// <param name="Unit">The unit that applied or pruned the output.</param>
/// <param name="Prune">Whether the write was a delete.</param>
/// <param name="ResourceVersion">The resource version an apply stored, when its answer gave one.</param>
/// <param name="PreviousVersion">The resource version the cache held when the write was sent (null: none).</param>
/// <param name="Uid">The UID of the object a prune deleted.</param>
/// <param name="Deadline">
/// When the echo is given up for lost and the unit is reconciled from the cache as it is.
/// </param>
internal sealed record AwaitedEcho(
    UnitKey Unit,
    bool Prune,
    string? ResourceVersion,
    string? PreviousVersion,
    string? Uid,
    DateTimeOffset Deadline)
{
    /// <summary>
    /// Whether a state of the output (null: none) shows the write: for a prune, the object gone, being deleted or
    /// replaced by another one; for an apply, the applied state or a later one, not the one the cache held before.
    /// </summary>
    /// <param name="state">The state in the cache, or in a watch event.</param>
    /// <returns>Whether the echo is there.</returns>
    public bool ShownBy(CachedObject? state) => Prune
        ? state is null || state.IsTerminating || !string.Equals(state.Uid, Uid, StringComparison.Ordinal)
        : state is not null
            && (string.Equals(state.ResourceVersion, ResourceVersion, StringComparison.Ordinal)
                || !string.Equals(state.ResourceVersion, PreviousVersion, StringComparison.Ordinal));
}
