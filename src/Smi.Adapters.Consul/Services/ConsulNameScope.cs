using Smi.Abstractions.Snapshot;

namespace Smi.Adapters.Consul.Services;

/// <summary>
/// Which Kubernetes namespaces use each Consul service name. Without Consul namespaces every Kubernetes namespace lands
/// in one Consul namespace, so a name used in two of them is one Consul service, and config written for one would
/// apply to the other. Names come from Services, workload service accounts and
/// <c>consul.hashicorp.com/connect-service</c> annotations, split roots and backends, and the
/// identities of access grants.
/// </summary>
internal sealed class ConsulNameScope
{
    private readonly Dictionary<string, SortedSet<string>> _namespacesByName = new(StringComparer.Ordinal);
    private readonly bool _mirrored;

    public ConsulNameScope(MeshSnapshot snapshot, ConsulNamespaces namespaces)
    {
        _mirrored = namespaces == ConsulNamespaces.Mirror;
        foreach (var service in snapshot.Services)
        {
            Add(service.Namespace, service.Name);
        }

        foreach (var workload in snapshot.Workloads)
        {
            Add(workload.Namespace, workload.ServiceAccount);
            if (workload.PodAnnotations.TryGetValue(ConsulServiceNames.Annotation, out var annotated))
            {
                foreach (var name in annotated.Split(',', StringSplitOptions.TrimEntries))
                {
                    Add(workload.Namespace, name);
                }
            }
        }

        foreach (var split in snapshot.Splits)
        {
            Add(split.Namespace, split.RootService);
            foreach (var backend in split.Backends)
            {
                Add(split.Namespace, backend.Service);
            }
        }

        foreach (var grant in snapshot.AccessGrants)
        {
            foreach (var identity in grant.Sources.Append(grant.Destination))
            {
                foreach (var (ns, name) in snapshot.ServiceAccountsOf(identity))
                {
                    Add(ns, name);
                }
            }
        }
    }

    /// <summary>The other Kubernetes namespaces that use a name, when that makes it ambiguous in Consul.</summary>
    /// <param name="ns">The namespace the name is used in.</param>
    /// <param name="name">The Consul service name.</param>
    /// <returns>The other namespaces, sorted; empty when the name is unambiguous or namespaces are mirrored.</returns>
    public IReadOnlyList<string> OtherNamespaces(string ns, string name) =>
        _mirrored || !_namespacesByName.TryGetValue(name, out var namespaces)
            ? []
            : [.. namespaces.Where(n => !string.Equals(n, ns, StringComparison.Ordinal))];

    private void Add(string ns, string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        if (!_namespacesByName.TryGetValue(name, out var namespaces))
        {
            namespaces = new SortedSet<string>(StringComparer.Ordinal);
            _namespacesByName[name] = namespaces;
        }

        namespaces.Add(ns);
    }
}
