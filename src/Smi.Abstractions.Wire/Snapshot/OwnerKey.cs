namespace Smi.Abstractions.Snapshot;

/// <summary>A workload as the owner references of ReplicaSets and Pods name it.</summary>
/// <param name="Kind">Deployment, StatefulSet, DaemonSet or ReplicaSet.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
internal readonly record struct OwnerKey(string Kind, string Namespace, string Name);
