namespace Smi.Controller.Reconcile;

/// <summary>
/// What the controller last applied to one output, to tell its own writes from other writers' changes.
/// </summary>
/// <param name="Hash">The hash of the applied JSON.</param>
/// <param name="ResourceVersion">The object's resource version in the apply's answer, when known.</param>
/// <param name="PreviousVersion">
/// The resource version the cache held when the apply was sent (null when it held none): while the cache still shows
/// it, the cache has not seen the apply yet.
/// </param>
/// <param name="ServerChanged">
/// The fields the API server itself set to other values than applied (defaulting, a mutating webhook): not drift as
/// long as the hash stays the same.
/// </param>
internal sealed record AppliedRecord(
    string Hash, string? ResourceVersion, string? PreviousVersion, IReadOnlySet<string> ServerChanged);
