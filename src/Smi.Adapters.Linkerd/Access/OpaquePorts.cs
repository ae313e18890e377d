using System.Globalization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.Linkerd.Access;

/// <summary>
/// Which container ports of a destination Linkerd proxies as opaque TCP, so that their Server must say
/// <c>proxyProtocol: opaque</c>. A Server's <c>proxyProtocol</c> supersedes the <c>config.linkerd.io/opaque-ports</c>
/// annotation and defaults to <c>unknown</c> (protocol detection), so a Server without it would make a
/// server-speaks-first port such as MySQL wait for the detection timeout of about 10 s
/// (https://linkerd.io/2-edge/reference/authorization-policy/#server, <c>proxyProtocol</c>;
/// https://linkerd.io/2-edge/features/protocol-detection/, "Configuring protocol detection" and "Marking ports as
/// opaque").
/// </summary>
/// <remarks>
/// A port is opaque when it is one of Linkerd's default opaque ports
/// (<see cref="PortProtocolResolver.IsLinkerdDefaultOpaquePort"/>); when the pod template's annotation (or,
/// without one, the namespace's, which the proxy injector copies to the pod) lists it as a number, a range or a
/// container port name; or when a Service selecting the pods lists the Service port in its annotation or declares
/// through <c>appProtocol</c> a protocol that is neither HTTP nor TLS (<c>linkerd.io/opaque</c>, <c>tcp</c>,
/// <c>mysql</c>, ..., as <see cref="PortProtocolResolver"/> reads it).
/// </remarks>
internal static class OpaquePorts
{
    /// <summary>The annotation that lists opaque ports on a pod, a namespace or a Service.</summary>
    public const string Annotation = "config.linkerd.io/opaque-ports";

    /// <summary>Why a container port of the destination's workloads is opaque, or <see langword="null"/>.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="workloads">The destination's workloads.</param>
    /// <param name="port">The container port.</param>
    /// <returns>
    /// A phrase naming the reason, for diagnostics; <see langword="null"/> for a port Linkerd detects.
    /// </returns>
    public static string? Reason(MeshSnapshot snapshot, IEnumerable<WorkloadInfo> workloads, int port)
    {
        if (PortProtocolResolver.IsLinkerdDefaultOpaquePort(port))
        {
            return "it is one of Linkerd's default opaque ports";
        }

        foreach (var workload in workloads)
        {
            var annotations = workload.PodAnnotations.ContainsKey(Annotation)
                ? workload.PodAnnotations
                : snapshot.FindNamespace(workload.Namespace)?.Annotations;
            if (annotations is not null && annotations.TryGetValue(Annotation, out var listed)
                && Lists(listed, port, workload.FindPortByName))
            {
                return $"{workload.Ref.Kind} {workload.Namespace}/{workload.Ref.Name} lists it in {Annotation}";
            }

            foreach (var service in snapshot.ServicesSelecting(workload))
            {
                foreach (var servicePort in service.Ports.Where(p => TargetOf(p, workload) == port))
                {
                    if (service.Annotations.TryGetValue(Annotation, out var onService)
                        && Lists(onService, servicePort.Port, name => NamedServicePort(service, name)))
                    {
                        return $"Service {service.Namespace}/{service.Name} lists port {servicePort.Port} in "
                            + Annotation;
                    }

                    if (!string.IsNullOrEmpty(servicePort.AppProtocol)
                        && PortProtocolResolver.Resolve(servicePort) == ServicePortProtocol.Tcp)
                    {
                        return $"Service {service.Namespace}/{service.Name} declares appProtocol "
                            + $"{servicePort.AppProtocol} on port {servicePort.Port}";
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether an annotation value (comma-separated numbers, <c>low-high</c> ranges and port names) lists a port.
    /// </summary>
    private static bool Lists(string value, int port, Func<string, int?> byName)
    {
        foreach (var raw in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = raw.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && Number(raw[..dash]) is { } low && Number(raw[(dash + 1)..]) is { } high)
            {
                if (port >= low && port <= high)
                {
                    return true;
                }
            }
            else if ((Number(raw) ?? byName(raw)) == port)
            {
                return true;
            }
        }

        return false;
    }

    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static int? NamedServicePort(ServiceInfo service, string name) =>
        service.Ports.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))?.Port;

    /// <summary>The container port a Service port reaches on a workload, or <see langword="null"/>.</summary>
    private static int? TargetOf(ServicePortInfo servicePort, WorkloadInfo workload) =>
        servicePort.TargetPort is null
            ? servicePort.Port
            : Number(servicePort.TargetPort) ?? workload.FindPortByName(servicePort.TargetPort);
}
