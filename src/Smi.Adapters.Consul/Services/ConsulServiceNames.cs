using Smi.Abstractions.Snapshot;

namespace Smi.Adapters.Consul.Services;

/// <summary>
/// The Consul service names the pods of a ServiceAccount register under, taken the way consul-k8s registers a pod:
/// the pod's <c>consul.hashicorp.com/connect-service</c> annotation, else the name of the one Kubernetes Service that
/// selects the pod. consul-k8s needs exactly one Service per pod unless the annotation names the service
/// (https://developer.hashicorp.com/consul/docs/k8s/connect, "Kubernetes Pods with multiple ports" and "Service
/// names"; https://developer.hashicorp.com/consul/docs/k8s/annotations-and-labels,
/// <c>consul.hashicorp.com/connect-service</c>).
/// </summary>
/// <remarks>
/// A name that the pods of several ServiceAccounts register under is shared: intentions for it would also cover the
/// other ServiceAccounts' pods, so it is reported and not used. With ACLs enabled, the Kubernetes auth method issues a
/// token whose service identity is the ServiceAccount name, so a pod cannot register under another name
/// (same page, "Service names"; consul-k8s <c>control-plane/subcommand/server-acl-init/connect_inject.go</c>).
/// </remarks>
internal sealed class ConsulServiceNames
{
    /// <summary>The pod annotation that names the Consul service (a comma-separated list for several ports).</summary>
    public const string Annotation = "consul.hashicorp.com/connect-service";

    private readonly MeshSnapshot _snapshot;
    private readonly Dictionary<(string Namespace, string Name), SortedSet<string>> _accountsByName = [];

    public ConsulServiceNames(MeshSnapshot snapshot)
    {
        _snapshot = snapshot;
        foreach (var workload in snapshot.Workloads)
        {
            foreach (var name in NamesOf(workload, out _))
            {
                if (!_accountsByName.TryGetValue((workload.Namespace, name), out var accounts))
                {
                    accounts = new SortedSet<string>(StringComparer.Ordinal);
                    _accountsByName[(workload.Namespace, name)] = accounts;
                }

                accounts.Add(workload.ServiceAccount);
            }
        }
    }

    /// <summary>The Consul service names of a ServiceAccount's pods, and why some cannot be told.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="account">The ServiceAccount name.</param>
    /// <returns>The resolution.</returns>
    public ConsulServiceNameResolution Resolve(string ns, string account)
    {
        var workloads = _snapshot.WorkloadsIn(ns)
            .Where(w => string.Equals(w.ServiceAccount, account, StringComparison.Ordinal))
            .ToList();
        if (workloads.Count == 0)
        {
            return new ConsulServiceNameResolution([account], [], Assumed: true);
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var workload in workloads)
        {
            var workloadNames = NamesOf(workload, out var problem);
            foreach (var name in workloadNames)
            {
                var others = _accountsByName[(ns, name)].Where(a => a != account).ToList();
                if (others.Count == 0)
                {
                    names.Add(name);
                }
                else
                {
                    problems.Add($"Consul service {name} also registers the pods of ServiceAccount "
                        + $"{string.Join(", ", others.Select(o => $"{ns}/{o}"))}, so rules for it would cover them "
                        + "too");
                }
            }

            if (problem is not null)
            {
                problems.Add($"{workload.Ref.Kind} {workload.Namespace}/{workload.Ref.Name}: {problem}");
            }
        }

        return new ConsulServiceNameResolution([.. names], [.. problems.Distinct(StringComparer.Ordinal)], false);
    }

    /// <summary>The workloads of a ServiceAccount whose pods register under a Consul service name.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="account">The ServiceAccount name.</param>
    /// <param name="name">The Consul service name.</param>
    /// <returns>The workloads, in input order.</returns>
    public IEnumerable<WorkloadInfo> WorkloadsOf(string ns, string account, string name) => _snapshot.WorkloadsIn(ns)
        .Where(w => string.Equals(w.ServiceAccount, account, StringComparison.Ordinal)
            && NamesOf(w, out _).Contains(name, StringComparer.Ordinal));

    /// <summary>
    /// The Consul service names of one workload's pods; empty, with a problem, when the input cannot tell.
    /// </summary>
    private List<string> NamesOf(WorkloadInfo workload, out string? problem)
    {
        problem = null;
        if (workload.PodAnnotations.TryGetValue(Annotation, out var annotated))
        {
            var listed = annotated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (listed.Length > 0)
            {
                return [.. listed.Distinct(StringComparer.Ordinal)];
            }
        }

        var services = _snapshot.ServicesSelecting(workload).Select(s => s.Name).ToList();
        if (services.Count == 1)
        {
            return services;
        }

        problem = services.Count == 0
            ? $"no Service in the input selects its pods and they have no {Annotation} annotation, so the Consul "
                + "service name cannot be told"
            : $"Services {string.Join(", ", services)} all select its pods and they have no {Annotation} "
                + "annotation; consul-k8s registers a pod under one Service only";
        return [];
    }
}
