namespace Smi.Controller.Cache;

/// <summary>A change an informer saw: an object added (no old), modified, or deleted (no new).</summary>
/// <param name="Old">The object before, if any.</param>
/// <param name="New">The object after, if any.</param>
internal sealed record ObjectChange(CachedObject? Old, CachedObject? New)
{
    public CachedObject Current => New ?? Old!;
}
