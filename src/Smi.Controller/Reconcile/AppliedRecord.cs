namespace Smi.Controller.Reconcile;

/// <summary>What the controller last applied to one output: the hash of the JSON it sent and the generation the server answered with.</summary>
/// <param name="Hash">The hash of the applied JSON.</param>
/// <param name="Generation">The object's generation after the apply, when known.</param>
internal sealed record AppliedRecord(string Hash, long? Generation);
