using Smi.Abstractions;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Consul.Resources;

namespace Smi.Adapters.Consul.Services;

/// <summary>
/// The ServiceDefaults that splits and access ask for: one per Consul service, setting the protocol that splitters,
/// routers and L7 intentions need
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-defaults#protocol). A service can be a
/// split root, a backend and an access destination; it gets one object, owned by the first unit that asked.
/// </summary>
internal sealed class ServiceDefaultsRequests
{
    private readonly SortedDictionary<(string Namespace, string Name), Request> _requests = [];

    /// <summary>Asks for the ServiceDefaults of a service; the first protocol asked for is kept.</summary>
    /// <param name="unit">The unit that asks.</param>
    /// <param name="ns">The Kubernetes namespace.</param>
    /// <param name="name">The Consul service name.</param>
    /// <param name="protocol">The protocol.</param>
    /// <param name="sources">The SMI objects behind the request.</param>
    public void Add(UnitKey unit, string ns, string name, string protocol, IEnumerable<ResourceRef> sources)
    {
        if (!_requests.TryGetValue((ns, name), out var request))
        {
            request = new Request(protocol);
            _requests[(ns, name)] = request;
        }

        request.Units.Add(unit);
        request.Sources.UnionWith(sources);
    }

    /// <summary>The protocol of the ServiceDefaults asked for a service, if any.</summary>
    /// <param name="ns">The Kubernetes namespace.</param>
    /// <param name="name">The Consul service name.</param>
    /// <returns>The protocol, or <see langword="null"/> when no ServiceDefaults was asked for.</returns>
    public string? ProtocolOf(string ns, string name) =>
        _requests.TryGetValue((ns, name), out var request) ? request.Protocol : null;

    /// <summary>Writes one ServiceDefaults per service asked for, owned by the first unit that asked.</summary>
    /// <param name="output">The output.</param>
    public void EmitAll(TranslationOutput output)
    {
        foreach (var ((ns, name), request) in _requests)
        {
            var defaults = new ServiceDefaults { Spec = new ServiceDefaultsSpec { Protocol = request.Protocol } };
            output.Add(request.Units.Min!, defaults, name, ns, request.Sources);
        }
    }

    /// <summary>The ServiceDefaults one service needs, and who asked for it.</summary>
    private sealed class Request(string protocol)
    {
        public string Protocol { get; } = protocol;

        public SortedSet<UnitKey> Units { get; } = [];

        public HashSet<ResourceRef> Sources { get; } = [];
    }
}
