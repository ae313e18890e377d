using Smi.Abstractions.Snapshot;

namespace Smi.Controller.Reconcile;

/// <summary>
/// An apply or a prune whose watch event the cache has yet to show: until it does, the unit that wrote the output is
/// not reconciled from the cache, which would not list an applied output (and so never prune it), or would still list
/// a pruned one (and not create it again).
/// </summary>
/// <param name="Unit">The unit that applied or pruned the output.</param>
/// <param name="ResourceVersion">
/// The resource version an apply stored, when its answer gave one; null for a prune.
/// </param>
/// <param name="PreviousVersion">The resource version the cache held when the write was sent (null: none).</param>
/// <param name="Deadline">
/// When the echo is given up for lost and the unit is reconciled from the cache as it is.
/// </param>
internal sealed record AwaitedEcho(
    UnitKey Unit, string? ResourceVersion, string? PreviousVersion, DateTimeOffset Deadline);
