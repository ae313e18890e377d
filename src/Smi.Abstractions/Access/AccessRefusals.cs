using System.Globalization;
using Smi.Abstractions.Diagnostics;

namespace Smi.Abstractions.Access;

/// <summary>
/// The diagnostics every mesh adapter reports when the resolved access model holds something the mesh cannot express
/// exactly. Each names the TrafficTarget, the field and the reason; the adapter then emits nothing for the grant
/// rather than something wider.
/// </summary>
public static class AccessRefusals
{
    /// <summary>A source is a pod subset smaller than the service accounts a mesh can name.</summary>
    public const string SourcePodSubsetReason = SmiReasons.SourcePodSubset;

    /// <summary>The destination is a pod subset on a mesh that protects whole services.</summary>
    public const string DestinationPodSubsetReason = SmiReasons.DestinationPodSubset;

    /// <summary>
    /// The destination's workloads resolve the grant's ports differently on a mesh that cannot tell them apart.
    /// </summary>
    public const string PortsDifferByWorkloadReason = SmiReasons.PortsDifferByWorkload;

    /// <summary>
    /// The destination's workloads resolve the grant's ports differently; one policy per workload is generated.
    /// </summary>
    public const string PolicyPerWorkloadReason = SmiReasons.PolicyPerWorkload;

    /// <summary>Refuses a grant whose source is smaller than its service accounts.</summary>
    /// <param name="grant">The grant.</param>
    /// <param name="source">The source.</param>
    /// <param name="mesh">The mesh, as users name it.</param>
    /// <returns>An error.</returns>
    public static Diagnostic SourcePodSubset(ResolvedGrant grant, ResolvedSource source, string mesh)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(source);
        return Diagnostic.Error(
            SourcePodSubsetReason,
            grant.Grant.Source,
            grant.SpecPath(string.Create(CultureInfo.InvariantCulture, $"sources[{source.Index}]")),
            $"{source.Identity} stands for only the pods labelled {Labels(source.PodSubset)} of service account "
                + $"{Accounts(source.ServiceAccounts)}, and the input has pods of that account without those labels; "
                + $"{mesh} identifies callers by service account, so allowing the account would let those pods in "
                + "too. This TrafficTarget allows nothing. Give the subset a service account of its own");
    }

    /// <summary>Refuses a grant whose destination is a pod subset, on a mesh that protects whole services.</summary>
    /// <param name="destination">The destination.</param>
    /// <param name="grant">The grant.</param>
    /// <param name="mesh">The mesh, as users name it.</param>
    /// <returns>An error.</returns>
    public static Diagnostic DestinationPodSubset(ResolvedDestination destination, ResolvedGrant grant, string mesh)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(grant);
        return Diagnostic.Error(
            DestinationPodSubsetReason,
            grant.Grant.Source,
            grant.SpecPath("destination"),
            $"{destination.Identity} protects only the pods labelled {Labels(destination.PodSubset)} of service "
                + $"account {Accounts(destination.ServiceAccounts)}; {mesh} protects a whole service and cannot "
                + "select pods, so allowing would open the account's other pods too. This TrafficTarget allows "
                + "nothing. Give the subset a service account of its own");
    }

    /// <summary>Refuses a grant whose ports differ by workload, on a mesh that cannot select workloads.</summary>
    /// <param name="destination">The destination.</param>
    /// <param name="grant">The grant.</param>
    /// <param name="mesh">The mesh, as users name it.</param>
    /// <returns>An error.</returns>
    public static Diagnostic PortsDifferByWorkload(ResolvedDestination destination, ResolvedGrant grant, string mesh)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(grant);
        return Diagnostic.Error(
            PortsDifferByWorkloadReason,
            grant.Grant.Source,
            PortsField(grant),
            $"{DifferentPorts(destination, grant)}; {mesh} cannot allow ports per workload, so allowing their "
                + "union would open each workload's other ports. This TrafficTarget allows nothing. Give the "
                + "port name the same number on every workload");
    }

    /// <summary>Tells that a grant's ports differ by workload, so each workload gets a policy of its own.</summary>
    /// <param name="destination">The destination.</param>
    /// <param name="grant">The grant.</param>
    /// <param name="objects">What the mesh generates per workload, for example <c>AuthorizationPolicy</c>.</param>
    /// <returns>An info diagnostic.</returns>
    public static Diagnostic PolicyPerWorkload(ResolvedDestination destination, ResolvedGrant grant, string objects)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(grant);
        return Diagnostic.Info(
            PolicyPerWorkloadReason,
            grant.Grant.Source,
            PortsField(grant),
            $"{DifferentPorts(destination, grant)}, so each workload gets {objects} of its own, selected by its "
                + "pod labels, with only its ports");
    }

    private static string PortsField(ResolvedGrant grant) =>
        grant.Grant.DestinationPort is not null && grant.EveryTcpPortByRules
            ? grant.SpecPath("destination.port")
            : grant.RulesField;

    private static string DifferentPorts(ResolvedDestination destination, ResolvedGrant grant)
    {
        var byWorkload = grant.Ports.Select(p => $"{p.Workload.Ref.Kind} {p.Workload.Ref.Name}: "
            + (p.EveryPort ? "every port" : p.Ports.IsDefaultOrEmpty ? "none" : string.Join(", ", p.Ports)));
        return $"the workloads of {destination.Identity} resolve this TrafficTarget's ports to different container "
            + $"ports ({string.Join("; ", byWorkload)})";
    }

    private static string Labels(IReadOnlyDictionary<string, string>? labels) =>
        labels is null ? "{}" : string.Join(",", labels.Select(l => $"{l.Key}={l.Value}"));

    private static string Accounts(IEnumerable<(string Namespace, string Name)> accounts) =>
        string.Join(", ", accounts.Select(a => $"{a.Namespace}/{a.Name}"));
}
