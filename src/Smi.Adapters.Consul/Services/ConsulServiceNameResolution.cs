namespace Smi.Adapters.Consul.Services;

/// <summary>The Consul service names of a ServiceAccount's pods.</summary>
/// <param name="Names">The names that stand for these pods only, sorted.</param>
/// <param name="Problems">Why some pods have no usable name: no Service, several Services, a shared name.</param>
/// <param name="Assumed">
/// Whether no workload of the ServiceAccount is in the input, so <paramref name="Names"/> is the ServiceAccount name
/// itself, the name consul-k8s requires when ACLs are enabled.
/// </param>
internal sealed record ConsulServiceNameResolution(
    IReadOnlyList<string> Names, IReadOnlyList<string> Problems, bool Assumed);
