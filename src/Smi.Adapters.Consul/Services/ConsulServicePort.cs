using System.Globalization;
using Smi.Abstractions.Snapshot;

namespace Smi.Adapters.Consul.Services;

/// <summary>
/// The one port consul-k8s registers a pod's service with, to which the pod's transparent proxy forwards every
/// inbound connection it allows, whatever port the connection was sent to: the pod's
/// <c>consul.hashicorp.com/connect-service-port</c> annotation (a number or a container port name; the first entry
/// for a multi-port pod), else the first port its containers declare
/// (https://developer.hashicorp.com/consul/docs/k8s/annotations-and-labels; consul-k8s
/// <c>control-plane/connect-inject/controllers/endpoints/endpoints_controller.go</c>,
/// <c>createServiceRegistrations</c>, sets the proxy's <c>LocalServicePort</c> to it).
/// </summary>
internal static class ConsulServicePort
{
    /// <summary>The pod annotation that names the service port.</summary>
    public const string Annotation = "consul.hashicorp.com/connect-service-port";

    /// <summary>The service port of a workload's pods, or <see langword="null"/> when the input cannot tell.</summary>
    /// <param name="workload">The workload.</param>
    /// <returns>The container port number.</returns>
    public static int? Of(WorkloadInfo workload)
    {
        if (workload.PodAnnotations.TryGetValue(Annotation, out var annotated))
        {
            var first = annotated.Split(',', StringSplitOptions.TrimEntries)[0];
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? number
                : workload.FindPortByName(first);
        }

        return workload.ContainerPorts.IsDefaultOrEmpty ? null : workload.ContainerPorts[0].Port;
    }
}
