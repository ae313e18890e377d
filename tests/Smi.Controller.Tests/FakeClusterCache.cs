using Smi.Controller.Cache;

namespace Smi.Controller.Tests;

/// <summary>An <see cref="IClusterCache"/> without informers: holds nothing, and refuses the reads a test sets.</summary>
internal sealed class FakeClusterCache : IClusterCache
{
    public List<RefusedRead> Refused { get; } = [];

    public bool IsSynced => true;

    public bool WatchesPods => false;

    public IReadOnlyList<string> WatchedNamespaces => [];

    public IReadOnlyList<CachedObject> Objects(string group, string kind) => [];

    public IReadOnlyList<RefusedRead> RefusedReads() => [.. Refused];
}
