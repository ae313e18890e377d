using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Adapters.Consul.Services;

namespace Smi.Adapters.Consul.Access;

/// <summary>
/// The Consul service names of a ServiceAccount's pods (see <see cref="ConsulServiceNames"/>), with what is wrong
/// about them reported to every TrafficTarget field that names the account
/// (https://developer.hashicorp.com/consul/docs/k8s/connect, "Service names").
/// </summary>
internal sealed class ServiceNameReporting(ConsulTranslationContext context)
{
    /// <summary>
    /// The names, reporting to every use: an error for pods whose name the input cannot tell or that share a name with
    /// another ServiceAccount (nothing is written for them), a warning when no workload of the account is in the input
    /// (its name is assumed to be the account's), and a warning for a name that ACLs would refuse because it is not
    /// the account's.
    /// </summary>
    /// <param name="unit">The unit.</param>
    /// <param name="uses">The grants and fields that name the account.</param>
    /// <param name="ns">The account's namespace.</param>
    /// <param name="account">The account name.</param>
    /// <returns>The usable names, sorted.</returns>
    public IReadOnlyList<string> NamesOf(
        UnitKey unit, IReadOnlyList<(AccessGrant Grant, string Field)> uses, string ns, string account)
    {
        var resolved = context.ServiceNames.Resolve(ns, account);
        foreach (var (grant, field) in uses)
        {
            foreach (var problem in resolved.Problems)
            {
                context.Report(unit, Diagnostic.Error(
                    ConsulReasons.ConsulServiceNameUnresolved,
                    grant.Source,
                    field,
                    $"ServiceAccount {ns}/{account}: {problem}; nothing was written for those pods. Set the "
                        + $"{ConsulServiceNames.Annotation} annotation on the pod template, or select the pods with "
                        + "exactly one Service of their own"));
            }

            if (resolved.Assumed)
            {
                context.Report(unit, Diagnostic.Warning(
                    ConsulReasons.ConsulServiceNameAssumed,
                    grant.Source,
                    field,
                    $"no workload of ServiceAccount {ns}/{account} is in the input, so its Consul service name is "
                        + $"taken to be {account}, the name consul-k8s requires with ACLs enabled; add its workloads "
                        + "and Services to the input to have the name checked"));
            }

            foreach (var name in resolved.Names.Where(n => !string.Equals(n, account, StringComparison.Ordinal)))
            {
                context.Report(unit, Diagnostic.Warning(
                    ConsulReasons.ConsulServiceNameNotServiceAccount,
                    grant.Source,
                    field,
                    $"the pods of ServiceAccount {ns}/{account} register in Consul as {name}; with ACLs enabled, "
                        + "consul-k8s refuses a service name that is not the ServiceAccount name, so these pods "
                        + $"would not join the mesh. Name the ServiceAccount {name}, or run without ACLs"));
            }
        }

        return resolved.Names;
    }
}
