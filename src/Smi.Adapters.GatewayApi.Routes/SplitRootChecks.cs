using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;

namespace Smi.Adapters.GatewayApi.Routes;

/// <summary>
/// The checks every Service-parent route translation makes before it routes a root: one plain split per root, and a
/// root Service that is in the input and has a cluster IP.
/// </summary>
internal static class SplitRootChecks
{
    /// <summary>
    /// Reports every plain split after the first as conflicting, and every split when the root Service is missing or
    /// headless.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="unit">The root's unit.</param>
    /// <param name="splits">The splits of the root, sorted.</param>
    /// <param name="report">Receives the diagnostics.</param>
    /// <param name="whyClusterIp">Why the mesh needs a cluster IP, for the headless message.</param>
    /// <returns>The root Service and the splits to translate (the first plain one, then every A/B one); no Service when
    /// the root cannot be routed.</returns>
    public static (ServiceInfo? Root, List<SplitRule> Usable) Check(MeshSnapshot snapshot, UnitKey unit,
        List<SplitRule> splits, Action<Diagnostic> report, string whyClusterIp)
    {
        var ns = unit.Namespace;
        var rootName = unit.Name;
        var plain = splits.Where(s => !s.HasMatches).ToList();
        foreach (var extra in plain.Skip(1))
        {
            report(Diagnostic.Error(SmiReasons.ConflictingSplits, extra.Source, "spec.service",
                $"TrafficSplit {plain[0].Source.Name} already splits all traffic of Service {ns}/{rootName}; only "
                    + "that one is translated. Merge the backends into one TrafficSplit"));
        }

        var root = snapshot.FindService(ns, rootName);
        if (root is null || root.Headless)
        {
            foreach (var split in splits)
            {
                report(root is null
                    ? Diagnostic.Error(SmiReasons.RootServiceNotFound, split.Source, "spec.service",
                        $"Service {ns}/{rootName} is not in the input, so the ports to route are unknown; add the "
                            + "Service to the input")
                    : Diagnostic.Error(SmiReasons.HeadlessRootService, split.Source, "spec.service",
                        $"Service {ns}/{rootName} is headless; {whyClusterIp}, so the split cannot work. Give the "
                            + "root Service a cluster IP"));
            }

            return (null, []);
        }

        return (root, [.. plain.Take(1).Concat(splits.Where(s => s.HasMatches))]);
    }
}
