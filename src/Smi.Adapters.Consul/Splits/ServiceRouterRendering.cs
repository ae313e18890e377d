using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Adapters.Consul.Resources;

namespace Smi.Adapters.Consul.Splits;

/// <summary>
/// Writes the A/B TrafficSplits of a root as its ServiceRouter: one route per HTTPRouteGroup match, each with the
/// single destination a route takes; requests that match no route keep going to the root
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-router).
/// </summary>
internal sealed class ServiceRouterRendering(ConsulTranslationContext context)
{
    /// <summary>Writes the ServiceRouter of a root, if any A/B split can be routed.</summary>
    /// <param name="unit">The root's unit.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="rootName">The root service.</param>
    /// <param name="abSplits">The A/B splits of the root.</param>
    /// <returns>The splits that were routed.</returns>
    public List<SplitRule> Render(UnitKey unit, string ns, string rootName, IReadOnlyList<SplitRule> abSplits)
    {
        var routes = new List<ServiceRoute>();
        var routed = new List<SplitRule>();
        var sources = new List<ResourceRef>();
        foreach (var split in abSplits)
        {
            var weighted = split.Backends.Where(b => b.Weight > 0).ToList();
            if (weighted.Count != 1)
            {
                context.Report(unit, Diagnostic.Error(
                    ConsulReasons.WeightedMatchUnsupported,
                    split.Source,
                    "spec.backends",
                    $"matching requests would go to {weighted.Count} weighted backends, but a Consul ServiceRouter "
                        + "route has a single destination; this split was not translated. Give one backend all the "
                        + "weight, or split the matched traffic in a separate TrafficSplit on an intermediate "
                        + "service"));
                continue;
            }

            routed.Add(split);
            sources.Add(split.Source);
            foreach (var groupRef in split.RouteGroups)
            {
                var group = context.Snapshot.FindRouteGroup(ns, groupRef.Name);
                if (group is null)
                {
                    continue;
                }

                sources.Add(group.Source);
                routes.AddRange(group.Matches.Select(m => new ServiceRoute
                {
                    Match = new ServiceRouteMatch { Http = ConsulHttpMatches.From(m) },
                    Destination = new ServiceRouteDestination { Service = weighted[0].Service },
                }));
            }
        }

        if (routes.Count > 0)
        {
            var router = new ServiceRouter { Spec = new ServiceRouterSpec { Routes = routes } };
            context.Output.Add(unit, router, rootName, ns, sources);
        }

        return routed;
    }
}
