namespace Smi.Testing.ApiServer;

/// <summary>Identifies a stored object: storage key (group/plural), namespace ("" for cluster-scoped) and name.</summary>
internal readonly record struct ObjectKey(string StorageKey, string Namespace, string Name);
