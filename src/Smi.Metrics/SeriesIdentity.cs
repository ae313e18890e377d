namespace Smi.Metrics;

/// <summary>Which resource (and, for edges, which peer) a result series belongs to.</summary>
internal readonly record struct SeriesIdentity(string? Namespace, string Name, string? PeerNamespace, string PeerName);
