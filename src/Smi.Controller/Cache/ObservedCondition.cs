namespace Smi.Controller.Cache;

/// <summary>One status condition of a cached object, as far as a new status written over it needs it.</summary>
/// <param name="Type">The condition's type.</param>
/// <param name="Status">True, False or Unknown.</param>
/// <param name="LastTransitionTime">When its status last changed, as written; empty when not given.</param>
internal sealed record ObservedCondition(string Type, string Status, string LastTransitionTime);
