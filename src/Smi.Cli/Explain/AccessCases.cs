using System.Collections.Immutable;
using System.Globalization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Evaluation;

namespace Smi.Cli.Explain;

/// <summary>
/// Turns an <see cref="AccessQuery"/> into requests between pods of the input: every workload of the caller (a
/// ServiceAccount without one stands for a pod of that account without labels) to every workload of the callee (the
/// pods a Service selects), on the container port the given port reaches on each.
/// </summary>
internal static class AccessCases
{
    /// <summary>The most requests one explanation judges.</summary>
    public const int Limit = 16;

    /// <summary>The requests, or null with the reason the input cannot answer the query.</summary>
    public static IReadOnlyList<AccessCase>? Resolve(MeshSnapshot snapshot, AccessQuery query, out string? error)
    {
        error = null;
        var sources = Pods(snapshot, query.From, allowAccountWithoutPods: true, out error);
        if (sources is null)
        {
            return null;
        }

        var destinations = Destinations(snapshot, query, out error);
        if (destinations is null)
        {
            return null;
        }

        return
        [
            .. sources.SelectMany(source => destinations.Select(destination => new AccessCase(
                source.Text,
                destination.Text,
                new AccessRequest(source.Pod, destination.Pod, destination.Protocol, new MeshRequest(
                    query.Path, query.Method, query.Headers, destination.ContainerPort))))).Take(Limit),
        ];
    }

    private static List<(AccessPod Pod, string Text)>? Pods(
        MeshSnapshot snapshot, AccessEndpoint endpoint, bool allowAccountWithoutPods, out string? error)
    {
        error = null;
        var workloads = Workloads(snapshot, endpoint, out error);
        if (workloads is null)
        {
            return null;
        }

        if (workloads.Count > 0)
        {
            return [.. workloads.Select(w => (AccessPod.Of(w), Describe(endpoint, w)))];
        }

        if (endpoint.Kind == "ServiceAccount" && allowAccountWithoutPods)
        {
            var pod = new AccessPod(endpoint.Namespace, endpoint.Name, ImmutableSortedDictionary<string, string>.Empty,
                ImmutableSortedDictionary<string, int>.Empty);
            return [(pod, $"{endpoint} (no workload in the input runs as it)")];
        }

        error = $"{endpoint}: no workload in the input runs as it";
        return null;
    }

    /// <summary>The workloads an endpoint stands for; null (with the reason) when the input lacks the object.</summary>
    private static List<WorkloadInfo>? Workloads(MeshSnapshot snapshot, AccessEndpoint endpoint, out string? error)
    {
        error = null;
        var inNamespace = snapshot.WorkloadsIn(endpoint.Namespace).OrderBy(w => w.Ref).ToList();
        switch (endpoint.Kind)
        {
            case "ServiceAccount":
                return [.. inNamespace.Where(w => w.ServiceAccount == endpoint.Name)];
            case "Service":
                if (snapshot.FindService(endpoint.Namespace, endpoint.Name) is not { } service)
                {
                    error = $"{endpoint} is not in the input";
                    return null;
                }

                var selected = inNamespace.Where(w => service.Selects(w.PodLabels)).ToList();
                if (selected.Count == 0)
                {
                    error = $"{endpoint} selects no workload in the input";
                    return null;
                }

                return selected;
            default:
                var found = inNamespace.Where(w => w.Ref.Kind == endpoint.Kind && w.Ref.Name == endpoint.Name).ToList();
                if (found.Count == 0)
                {
                    error = $"{endpoint} is not in the input"
                        + (endpoint.Kind == "Pod"
                            ? " (a pod that a Deployment, StatefulSet, DaemonSet or ReplicaSet owns is read as that "
                              + "workload: name it, for example NAMESPACE/deploy/NAME)"
                            : string.Empty);
                    return null;
                }

                return found;
        }
    }

    private static List<(AccessPod Pod, string Text, int ContainerPort, AccessProtocol Protocol)>? Destinations(
        MeshSnapshot snapshot, AccessQuery query, out string? error)
    {
        var to = query.To;
        var workloads = Workloads(snapshot, to, out error);
        if (workloads is null)
        {
            return null;
        }

        if (workloads.Count == 0)
        {
            error = $"{to}: no workload in the input runs as it";
            return null;
        }

        var result = new List<(AccessPod, string, int, AccessProtocol)>();
        if (to.Kind == "Service")
        {
            var service = snapshot.FindService(to.Namespace, to.Name)!;
            var port = ServicePort(service, query.Port, out error);
            if (port is null)
            {
                return null;
            }

            foreach (var workload in workloads)
            {
                if (TargetPort(workload, port) is not { } containerPort)
                {
                    continue;
                }

                var text = FormattableString.Invariant(
                    $"{to} port {port.Port} ({workload.Ref.Kind} {workload.Ref.Name}, container port {containerPort})");
                result.Add((AccessPod.Of(workload), text, containerPort, query.Protocol ?? ProtocolOf(port)));
            }

            if (result.Count == 0)
            {
                error = $"{to} port {port.Port} targets \"{port.TargetPort}\", a port no pod it selects declares";
                return null;
            }

            return result;
        }

        foreach (var workload in workloads)
        {
            var ports = workload.ContainerPorts;
            var port = query.Port is null
                ? ports.Length == 1 ? ports[0] : null
                : ports.FirstOrDefault(p => p.Name == query.Port
                    || p.Port.ToString(CultureInfo.InvariantCulture) == query.Port);
            int? number = port?.Port ?? (int.TryParse(query.Port, NumberStyles.None, CultureInfo.InvariantCulture,
                out var given) ? given : null);
            if (number is not { } containerPort)
            {
                error = query.Port is null
                    ? $"{Describe(to, workload)} declares {ports.Length} container ports: give --port"
                    : $"{Describe(to, workload)} declares no container port named {query.Port}";
                return null;
            }

            var protocol = query.Protocol ?? (port?.Protocol == "UDP" ? AccessProtocol.Udp
                : snapshot.ServicesSelecting(workload)
                    .SelectMany(s => s.Ports)
                    .Where(p => TargetPort(workload, p) == containerPort)
                    .Select(ProtocolOf)
                    .FirstOrDefault(AccessProtocol.Http));
            result.Add((AccessPod.Of(workload),
                FormattableString.Invariant($"{Describe(to, workload)} container port {containerPort}"),
                containerPort, protocol));
        }

        return result;
    }

    private static ServicePortInfo? ServicePort(ServiceInfo service, string? given, out string? error)
    {
        error = null;
        var ports = service.Ports;
        var port = given is null
            ? ports.Length == 1 ? ports[0] : null
            : ports.FirstOrDefault(p => p.Name == given || p.Port.ToString(CultureInfo.InvariantCulture) == given);
        if (port is null)
        {
            var listed = string.Join(", ", ports.Select(p => p.Name is null
                ? p.Port.ToString(CultureInfo.InvariantCulture)
                : FormattableString.Invariant($"{p.Port} ({p.Name})")));
            error = given is null
                ? $"Service {service.Namespace}/{service.Name} has ports {listed}: give --port"
                : $"Service {service.Namespace}/{service.Name} has no port {given}; its ports: {listed}";
        }

        return port;
    }

    /// <summary>The container port a Service port reaches on a workload's pods; null when they lack the name.</summary>
    private static int? TargetPort(WorkloadInfo workload, ServicePortInfo port) => port.TargetPort switch
    {
        null => port.Port,
        var target when int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var number) =>
            number,
        var target => workload.FindPortByName(target),
    };

    private static AccessProtocol ProtocolOf(ServicePortInfo port) => port.Protocol == "UDP"
        ? AccessProtocol.Udp
        : PortProtocolResolver.CarriesHttp(PortProtocolResolver.Resolve(port))
            ? AccessProtocol.Http
            : AccessProtocol.Tcp;

    private static string Describe(AccessEndpoint endpoint, WorkloadInfo workload) =>
        endpoint.IsWorkload
            ? endpoint.ToString()
            : $"{endpoint} ({workload.Ref.Kind} {workload.Ref.Name})";
}
