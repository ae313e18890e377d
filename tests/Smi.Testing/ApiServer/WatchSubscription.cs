using System.Threading.Channels;

namespace Smi.Testing.ApiServer;

/// <summary>An open watch's queue of changes to one storage key, optionally in one namespace.</summary>
internal sealed class WatchSubscription(string storageKey, string? ns)
{
    public string StorageKey { get; } = storageKey;

    public string? Namespace { get; } = ns;

    public Channel<WatchRecord> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<WatchRecord>();

    public bool Wants(WatchRecord record) => record.StorageKey == StorageKey && (Namespace is null || Namespace == record.Namespace);
}
