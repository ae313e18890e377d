using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Adapters.Consul.Services;

namespace Smi.Adapters.Consul.Splits;

/// <summary>
/// TrafficSplits, one root service at a time: the checks every split of the root must pass, then a ServiceSplitter for
/// the plain split, a ServiceRouter for the A/B splits (or a ServiceResolver redirect for a non-HTTP root) and a
/// ServiceDefaults with the protocol for the root and every backend. Consul runs a request through the root's
/// ServiceRouter (first matching route), then through the ServiceSplitter of the service it routed to
/// (https://developer.hashicorp.com/consul/docs/manage-traffic).
/// </summary>
internal sealed class SplitTranslation(ConsulTranslationContext context)
{
    private readonly MeshSnapshot _snapshot = context.Snapshot;

    /// <summary>Translates every split, one root service at a time.</summary>
    public void TranslateAll()
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
        var usable = splits.Where(s => IsUsable(unit, ns, rootName, rootProtocol, s)).ToList();
        var plain = usable.Where(s => !s.HasMatches).ToList();
        foreach (var extra in plain.Skip(1))
        {
            context.Report(unit, Diagnostic.Error(
                SmiReasons.ConflictingSplits,
                extra.Source,
                "spec.service",
                $"{plain[0].Source} already splits {rootName}, and Consul keeps one ServiceSplitter per service; this "
                    + "split was not translated. Merge the backends into one TrafficSplit"));
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
            new ServiceResolverRendering(context).Render(unit, ns, rootName, rootProtocol, splitter, abSplits);
            return;
        }

        var translated = new List<SplitRule>();
        if (splitter is not null)
        {
            new ServiceSplitterRendering(context).Render(unit, ns, rootName, splitter);
            translated.Add(splitter);
        }

        var routed = new ServiceRouterRendering(context).Render(unit, ns, rootName, abSplits);
        translated.AddRange(routed);
        if (splitter is not null)
        {
            foreach (var split in routed)
            {
                context.Report(unit, Diagnostic.Warning(
                    ConsulReasons.RouterAndSplitterShareRoot,
                    split.Source,
                    "spec.matches",
                    $"{rootName} also has the plain split {splitter.Source}; in Consul, requests that match no route "
                        + $"of this split go through that ServiceSplitter rather than straight to {rootName}"));
            }
        }

        foreach (var split in translated)
        {
            var sources = new[] { split.Source };
            context.Defaults.Add(unit, ns, rootName, rootProtocol, sources);
            foreach (var backend in split.Backends)
            {
                context.Defaults.Add(unit, ns, backend.Service, rootProtocol, sources);
            }
        }
    }

    /// <summary>
    /// Whether a split of the root can be translated: no Consul service name of it collides across namespaces, every
    /// backend has the root's protocol (Consul rejects a split across protocols) and every port of the root.
    /// </summary>
    private bool IsUsable(UnitKey unit, string ns, string rootName, string rootProtocol, SplitRule split)
    {
        if (context.ReportCollision(
            unit, split.Source, "spec.service", ns, rootName, "no splitter, router or defaults were written for it"))
        {
            return false;
        }

        var collided = false;
        for (var i = 0; i < split.Backends.Length; i++)
        {
            collided |= context.ReportCollision(
                unit,
                split.Source,
                $"spec.backends[{i}].service",
                ns,
                split.Backends[i].Service,
                "this split was not translated");
        }

        if (collided)
        {
            return false;
        }

        var mismatched = split.Backends
            .Select((b, i) => (
                Backend: b, Index: i, Protocol: ServiceProtocols.Of(_snapshot.FindService(ns, b.Service))))
            .FirstOrDefault(b => !string.Equals(b.Protocol, rootProtocol, StringComparison.Ordinal));
        if (mismatched.Backend is not null)
        {
            context.Report(unit, Diagnostic.Error(
                ConsulReasons.InconsistentProtocols,
                split.Source,
                $"spec.backends[{mismatched.Index}].service",
                $"backend {mismatched.Backend.Service} has protocol {mismatched.Protocol} but root {rootName} has "
                    + $"{rootProtocol}; Consul rejects a split across protocols, so it was not translated. Give their "
                    + "Service ports the same appProtocol"));
            return false;
        }

        if (BackendLackingRootPort(ns, rootName, split) is { } lacking)
        {
            context.Report(unit, Diagnostic.Error(
                ConsulReasons.PerPortSplitUnsupported,
                split.Source,
                $"spec.backends[{lacking.Index}].service",
                $"backend {lacking.Service} lacks port(s) {lacking.Ports} of root {rootName}, so SMI splits those "
                    + "ports without it; a Consul ServiceSplitter splits every port of a service alike, so this "
                    + "split was not translated. Give the backend the root's ports"));
            return false;
        }

        return true;
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
}
