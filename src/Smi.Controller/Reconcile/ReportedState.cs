namespace Smi.Controller.Reconcile;

/// <summary>
/// What was last reported on an SMI object, and on which incarnation of it: an object deleted and created again under
/// the same name is another object, which has been told nothing yet.
/// </summary>
/// <param name="Uid">The object's UID.</param>
/// <param name="Fingerprint">The fingerprint of the conditions and generation reported.</param>
internal readonly record struct ReportedState(string? Uid, UInt128 Fingerprint);
