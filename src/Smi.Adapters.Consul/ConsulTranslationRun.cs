using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Consul.Resources;

namespace Smi.Adapters.Consul;

/// <summary>
/// One translation of a whole snapshot: collects the generated objects, the ServiceDefaults that several units may
/// ask for, and the diagnostics, each with its unit.
/// </summary>
internal sealed partial class ConsulTranslationRun
{
    /// <summary>The name of the mesh-wide deny intention.</summary>
    public const string DefaultDenyName = "smi-default-deny";

    private readonly MeshSnapshot _snapshot;
    private readonly TranslationOptions _options;
    private readonly ConsulOptions _consulOptions;
    private readonly ConsulNameScope _names;
    private readonly ConsulServiceNames _serviceNames;
    private readonly List<GeneratedResource> _resources = [];
    private readonly List<UnitDiagnostic> _diagnostics = [];
    private readonly SortedDictionary<(string Namespace, string Name), DefaultsRequest> _defaults = [];
    private readonly SortedDictionary<(string Namespace, string Name), List<(UnitKey Unit, AccessGrant Grant)>>
        _wholeConnections = [];

    public ConsulTranslationRun(MeshSnapshot snapshot, TranslationOptions options, ConsulOptions consulOptions)
    {
        _snapshot = snapshot;
        _options = options;
        _consulOptions = consulOptions;
        _names = new ConsulNameScope(snapshot, consulOptions.Namespaces);
        _serviceNames = new ConsulServiceNames(snapshot);
    }

    private bool Mirrored => _consulOptions.Namespaces == ConsulNamespaces.Mirror;

    /// <summary>Writes the mesh-wide deny intention, or says that SMI's default deny is not reproduced.</summary>
    public void TranslateDefaultDeny()
    {
        if (_snapshot.AccessGrants.IsDefaultOrEmpty && !_options.DefaultDeny)
        {
            return;
        }

        var sources = _snapshot.AccessGrants.Select(g => g.Source);
        if (!_options.DefaultDeny)
        {
            Report(UnitKey.Mesh, Diagnostic.Warning(
                ConsulReasons.DefaultDenyNotGenerated,
                null,
                null,
                "SMI denies traffic that no TrafficTarget allows, but Consul allows it unless ACLs use default_policy = deny; set the defaultDeny option to write a '*' -> '*' deny ServiceIntentions, or enable ACLs with a deny default"));
            return;
        }

        var wildcardNamespace = Mirrored ? "*" : null;
        Emit(UnitKey.Mesh, DefaultDenyName, _consulOptions.DefaultDenyNamespace, sources, new ServiceIntentions
        {
            Spec = new ServiceIntentionsSpec
            {
                Destination = new IntentionDestination { Name = "*", Namespace = wildcardNamespace },
                Sources = [new IntentionSource { Name = "*", Namespace = wildcardNamespace, Action = "deny" }],
            },
        });
    }

    /// <summary>Emits the requested ServiceDefaults and returns everything collected.</summary>
    /// <returns>The resources and diagnostics, each with its unit.</returns>
    public (IReadOnlyList<GeneratedResource> Resources, IReadOnlyList<UnitDiagnostic> Diagnostics) Finish()
    {
        ReportWholeConnections();
        foreach (var ((ns, name), request) in _defaults)
        {
            // A service can be a split root, a backend and an access destination; one object, owned by the first unit.
            Emit(request.Units.Min!, name, ns, request.Sources, new ServiceDefaults { Spec = new ServiceDefaultsSpec { Protocol = request.Protocol } });
        }

        return (_resources, _diagnostics);
    }

    private void RequestDefaults(UnitKey unit, string ns, string name, string protocol, IEnumerable<ResourceRef> sources)
    {
        if (!_defaults.TryGetValue((ns, name), out var request))
        {
            request = new DefaultsRequest(protocol);
            _defaults[(ns, name)] = request;
        }

        request.Units.Add(unit);
        request.Sources.UnionWith(sources);
    }

    private void Emit<TSpec>(UnitKey unit, string name, string ns, IEnumerable<ResourceRef> sources, ConsulResource<TSpec> resource)
        where TSpec : new()
    {
        resource.Metadata = GeneratedMetadata.Create(name, ns, ConsulTranslator.MeshName, unit, sources);
        _resources.Add(new GeneratedResource(unit, resource));
    }

    private void Report(UnitKey unit, Diagnostic diagnostic) =>
        _diagnostics.Add(new UnitDiagnostic(unit, diagnostic with { Mesh = ConsulTranslator.MeshName }));

    /// <summary>
    /// Reports a name that is ambiguous without Consul namespaces. Returns whether it was, so the caller generates
    /// nothing for it.
    /// </summary>
    private bool ReportCollision(UnitKey unit, ResourceRef source, string fieldPath, string ns, string name, string consequence)
    {
        var others = _names.OtherNamespaces(ns, name);
        if (others.Count == 0)
        {
            return false;
        }

        Report(unit, Diagnostic.Error(
            ConsulReasons.NameCollision,
            source,
            fieldPath,
            $"Consul service name \"{name}\" is used in namespace {ns} and in {string.Join(", ", others)}; without Consul namespaces they are one service, so {consequence}. Rename one of them, or enable Consul Enterprise namespace mirroring and set the namespaces option to mirror"));
        return true;
    }

    /// <summary>The ServiceDefaults one service needs, and who asked for it.</summary>
    private sealed class DefaultsRequest(string protocol)
    {
        public string Protocol { get; } = protocol;

        public SortedSet<UnitKey> Units { get; } = [];

        public HashSet<ResourceRef> Sources { get; } = [];
    }
}
