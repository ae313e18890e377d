using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Adapters.Consul.Resources;
using Smi.Adapters.Consul.Services;

namespace Smi.Adapters.Consul.Splits;

/// <summary>
/// The splits of a root whose protocol is not HTTP-family. Consul splits and routes only http, http2 and grpc
/// services (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-splitter), so these are
/// refused, except a plain split of a TCP service that sends all traffic to one backend: a ServiceResolver redirect
/// moves a service's traffic whole and needs no L7 protocol
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-resolver).
/// </summary>
internal sealed class ServiceResolverRendering(ConsulTranslationContext context)
{
    /// <summary>Writes the redirect of a non-HTTP root, or reports why its splits cannot be translated.</summary>
    /// <param name="unit">The root's unit.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="rootName">The root service.</param>
    /// <param name="protocol">The root's protocol.</param>
    /// <param name="splitter">The plain split of the root, if any.</param>
    /// <param name="abSplits">The A/B splits of the root.</param>
    public void Render(
        UnitKey unit,
        string ns,
        string rootName,
        string protocol,
        SplitRule? splitter,
        IReadOnlyList<SplitRule> abSplits)
    {
        foreach (var split in abSplits)
        {
            context.Report(unit, Diagnostic.Error(
                ConsulReasons.SplitNeedsHttp,
                split.Source,
                "spec.matches",
                $"root {rootName} has protocol {protocol}, and Consul routes by HTTP match only for http, http2 and "
                    + "grpc services; this split was not translated. Set appProtocol: http on the Service ports if "
                    + "the traffic is HTTP"));
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
                var redirect = new ServiceResolverRedirect { Service = weighted[0].Service };
                var resolver = new ServiceResolver { Spec = new ServiceResolverSpec { Redirect = redirect } };
                context.Output.Add(unit, resolver, rootName, ns, [splitter.Source]);
            }

            return;
        }

        context.Report(unit, Diagnostic.Error(
            ConsulReasons.SplitNeedsHttp,
            splitter.Source,
            "spec.service",
            $"root {rootName} has protocol {protocol}, and Consul splits traffic only for http, http2 and grpc "
                + "services (a TCP service can only be redirected whole); this split was not translated. Set "
                + "appProtocol: http on the Service ports if the traffic is HTTP, or give one backend all the weight"));
    }
}
