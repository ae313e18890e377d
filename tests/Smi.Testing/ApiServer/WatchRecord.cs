using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>One change in the event log: ADDED, MODIFIED or DELETED, with the object before the change for selector transitions.</summary>
internal sealed record WatchRecord(long ResourceVersion, string Type, string StorageKey, string Namespace, JsonObject Object, JsonObject? Previous);
