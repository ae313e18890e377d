using Smi.Abstractions.Serialization;

namespace Smi.Kube.Api;

/// <summary>What <see cref="ClusterInputReader"/> read from a cluster.</summary>
/// <param name="Loaded">
/// The SMI objects, Services, workloads and Namespaces, as the manifest loader reads them from files; each object's
/// location is <c>cluster: Kind ns/name</c>.
/// </param>
/// <param name="SmiKinds">The SMI kinds read, each in the version it was read in.</param>
public sealed record ClusterInputs(LoadResult Loaded, IReadOnlyList<ResourceKind> SmiKinds);
