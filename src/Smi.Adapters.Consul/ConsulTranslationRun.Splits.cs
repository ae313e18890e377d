using System.Globalization;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Consul.Resources;

namespace Smi.Adapters.Consul;

/// <summary>TrafficSplits: ServiceSplitter, ServiceRouter, ServiceResolver and ServiceDefaults per root service.</summary>
internal sealed partial class ConsulTranslationRun
{
    /// <summary>Translates every split, one root service at a time.</summary>
    public void TranslateSplits()
    {
        foreach (var root in _snapshot.Splits.GroupBy(s => (s.Namespace, s.RootService)))
        {
            TranslateRoot(root.Key.Namespace, root.Key.RootService, [.. root]);
        }
    }

    private void TranslateRoot(string ns, string rootName, IReadOnlyList<SplitRule> splits)
    {
        var unit = UnitKey.ForSplitRoot(ns, rootName);
        var rootProtocol = ServiceProtocols.Of(_snapshot.FindService(ns, rootName));
        var usable = new List<SplitRule>();
        foreach (var split in splits)
        {
            if (ReportCollision(unit, split.Source, "spec.service", ns, rootName, "no splitter, router or defaults were written for it"))
            {
                continue;
            }

            var collided = false;
            for (var i = 0; i < split.Backends.Length; i++)
            {
                collided |= ReportCollision(unit, split.Source, $"spec.backends[{i}].service", ns, split.Backends[i].Service, "this split was not translated");
            }

            var mismatched = split.Backends
                .Select((b, i) => (Backend: b, Index: i, Protocol: ServiceProtocols.Of(_snapshot.FindService(ns, b.Service))))
                .FirstOrDefault(b => !string.Equals(b.Protocol, rootProtocol, StringComparison.Ordinal));
            if (!collided && mismatched.Backend is not null)
            {
                Report(unit, Diagnostic.Error(
                    ConsulReasons.InconsistentProtocols,
                    split.Source,
                    $"spec.backends[{mismatched.Index}].service",
                    $"backend {mismatched.Backend.Service} has protocol {mismatched.Protocol} but root {rootName} has {rootProtocol}; Consul rejects a split across protocols, so it was not translated. Give their Service ports the same appProtocol"));
                continue;
            }

            if (!collided && BackendLackingRootPort(ns, rootName, split) is { } lacking)
            {
                Report(unit, Diagnostic.Error(
                    ConsulReasons.PerPortSplitUnsupported,
                    split.Source,
                    $"spec.backends[{lacking.Index}].service",
                    $"backend {lacking.Service} lacks port(s) {lacking.Ports} of root {rootName}, so SMI splits those "
                    + "ports without it; a Consul ServiceSplitter splits every port of a service alike, so this split "
                    + "was not translated. Give the backend the root's ports"));
                continue;
            }

            if (!collided)
            {
                usable.Add(split);
            }
        }

        var plain = usable.Where(s => !s.HasMatches).ToList();
        foreach (var extra in plain.Skip(1))
        {
            Report(unit, Diagnostic.Error(
                ConsulReasons.ConflictingSplits,
                extra.Source,
                "spec.service",
                $"{plain[0].Source} already splits {rootName}, and Consul keeps one ServiceSplitter per service; this split was not translated. Merge the backends into one TrafficSplit"));
        }

        var splitter = plain.FirstOrDefault();
        var abSplits = usable.Where(s => s.HasMatches).ToList();
        if (splitter is null
            && abSplits.FirstOrDefault(s => MatchesEveryRequest(ns, s) && s.Backends.Count(b => b.Weight > 0) != 1)
                is { } everything)
        {
            // A route group match without conditions sends every request to the weighted backends: that is what a
            // ServiceSplitter does, while a ServiceRouter route takes a single destination.
            splitter = everything;
            abSplits.Remove(everything);
        }
        if (!ServiceProtocols.IsHttpFamily(rootProtocol))
        {
            TranslateNonHttpRoot(unit, ns, rootName, rootProtocol, splitter, abSplits);
            return;
        }

        var translated = new List<SplitRule>();
        if (splitter is not null)
        {
            EmitSplitter(unit, ns, rootName, splitter);
            translated.Add(splitter);
        }

        var routed = EmitRouter(unit, ns, rootName, abSplits);
        translated.AddRange(routed);
        if (splitter is not null)
        {
            foreach (var split in routed)
            {
                Report(unit, Diagnostic.Warning(
                    ConsulReasons.RouterAndSplitterShareRoot,
                    split.Source,
                    "spec.matches",
                    $"{rootName} also has the plain split {splitter.Source}; in Consul, requests that match no route of this split go through that ServiceSplitter rather than straight to {rootName}"));
            }
        }

        foreach (var split in translated)
        {
            var sources = new[] { split.Source };
            RequestDefaults(unit, ns, rootName, rootProtocol, sources);
            foreach (var backend in split.Backends)
            {
                RequestDefaults(unit, ns, backend.Service, rootProtocol, sources);
            }
        }
    }

    /// <summary>The first weighted backend whose Service lacks a port of the root Service (both known).</summary>
    private (int Index, string Service, string Ports)? BackendLackingRootPort(
        string ns, string rootName, SplitRule split)
    {
        var rootPorts = _snapshot.FindService(ns, rootName)?.Ports.Select(p => p.Port).Distinct().Order().ToList();
        for (var i = 0; i < split.Backends.Length && rootPorts is { Count: > 0 }; i++)
        {
            var backend = split.Backends[i];
            if (backend.Weight <= 0 || backend.Service == rootName
                || _snapshot.FindService(ns, backend.Service) is not { } service)
            {
                continue;
            }

            var missing = rootPorts.Where(p => service.Ports.All(q => q.Port != p)).ToList();
            if (missing.Count > 0)
            {
                return (i, backend.Service, string.Join(", ", missing));
            }
        }

        return null;
    }

    /// <summary>Whether a match of one of the split's route groups has no condition at all.</summary>
    private bool MatchesEveryRequest(string ns, SplitRule split) => split.RouteGroups
        .Select(g => _snapshot.FindRouteGroup(ns, g.Name))
        .Any(g => g is not null && g.Matches.Any(m => m.AnyPath && m.AnyMethod && m.Headers.IsDefaultOrEmpty));

    private void TranslateNonHttpRoot(UnitKey unit, string ns, string rootName, string protocol, SplitRule? splitter, IReadOnlyList<SplitRule> abSplits)
    {
        foreach (var split in abSplits)
        {
            Report(unit, Diagnostic.Error(
                ConsulReasons.SplitNeedsHttp,
                split.Source,
                "spec.matches",
                $"root {rootName} has protocol {protocol}, and Consul routes by HTTP match only for http, http2 and grpc services; this split was not translated. Set appProtocol: http on the Service ports if the traffic is HTTP"));
        }

        if (splitter is null)
        {
            return;
        }

        var weighted = splitter.Backends.Where(b => b.Weight > 0).ToList();
        if (protocol == ServiceProtocols.Tcp && weighted.Count == 1)
        {
            // A resolver redirect moves all of a TCP service's traffic; it needs no L7 protocol.
            if (!string.Equals(weighted[0].Service, rootName, StringComparison.Ordinal))
            {
                Emit(unit, rootName, ns, [splitter.Source], new ServiceResolver
                {
                    Spec = new ServiceResolverSpec { Redirect = new ServiceResolverRedirect { Service = weighted[0].Service } },
                });
            }

            return;
        }

        Report(unit, Diagnostic.Error(
            ConsulReasons.SplitNeedsHttp,
            splitter.Source,
            "spec.service",
            $"root {rootName} has protocol {protocol}, and Consul splits traffic only for http, http2 and grpc services (a TCP service can only be redirected whole); this split was not translated. Set appProtocol: http on the Service ports if the traffic is HTTP, or give one backend all the weight"));
    }

    private void EmitSplitter(UnitKey unit, string ns, string rootName, SplitRule split)
    {
        var weights = split.Backends.Select(b => b.Weight).ToList();
        var percents = PercentWeights.Compute(weights);
        var exact = ShareDeviation.Percents(weights);
        if (exact.Where((e, i) => e != percents[i]).Any())
        {
            // Any rounding changes where traffic goes: a warning; each backend that moved more than half a point
            // (or was cut to 0 %) is named.
            var deviations = ShareDeviation.Find(weights, percents);
            var written = string.Join(
                ", ", split.Backends.Select((b, i) => $"{b.Service} {PercentWeights.Format(percents[i])}%"));
            var moved = string.Concat(deviations.Select(d => $"; {d.Describe(split.Backends[d.Index].Service)}"));
            var message = "Consul takes percentages in 0.01 steps that add up to exactly 100; "
                + $"written as {written}{moved}. Use weights that divide evenly to avoid rounding";
            Report(unit, Diagnostic.Warning(ConsulReasons.WeightsRounded, split.Source, "spec.backends", message));
        }

        Emit(unit, rootName, ns, [split.Source], new ServiceSplitter
        {
            Spec = new ServiceSplitterSpec
            {
                Splits = [.. split.Backends.Select((b, i) => new ServiceSplit
                {
                    Service = b.Service,
                    Weight = double.Parse(PercentWeights.Format(percents[i]), CultureInfo.InvariantCulture),
                })],
            },
        });
    }

    private List<SplitRule> EmitRouter(UnitKey unit, string ns, string rootName, IReadOnlyList<SplitRule> abSplits)
    {
        var routes = new List<ServiceRoute>();
        var routed = new List<SplitRule>();
        var sources = new List<ResourceRef>();
        foreach (var split in abSplits)
        {
            var weighted = split.Backends.Where(b => b.Weight > 0).ToList();
            if (weighted.Count != 1)
            {
                Report(unit, Diagnostic.Error(
                    ConsulReasons.WeightedMatchUnsupported,
                    split.Source,
                    "spec.backends",
                    $"matching requests would go to {weighted.Count} weighted backends, but a Consul ServiceRouter route has a single destination; this split was not translated. Give one backend all the weight, or split the matched traffic in a separate TrafficSplit on an intermediate service"));
                continue;
            }

            routed.Add(split);
            sources.Add(split.Source);
            foreach (var groupRef in split.RouteGroups)
            {
                var group = _snapshot.FindRouteGroup(ns, groupRef.Name);
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
            Emit(unit, rootName, ns, sources, new ServiceRouter { Spec = new ServiceRouterSpec { Routes = routes } });
        }

        return routed;
    }
}
