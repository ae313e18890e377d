using Smi.Abstractions.Snapshot;

namespace Smi.Controller.Cache;

/// <summary>What the controller read of a cached object: its snapshot entry, or why it could not be read.</summary>
/// <param name="Entry">The entry; null for objects translation does not read, or when it did not decode.</param>
/// <param name="Error">Why the object did not decode, when it did not.</param>
internal sealed record DecodedObject(SnapshotEntry? Entry, string? Error)
{
    /// <summary>Nothing to read: an output, or an object of a kind translation does not read.</summary>
    public static DecodedObject None { get; } = new(null, null);
}
