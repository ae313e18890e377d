using System.Collections.Concurrent;
using System.Collections.Immutable;
using Smi.Abstractions.Access;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;

namespace Smi.Abstractions.Snapshot;

/// <summary>
/// An immutable view of everything translation needs: the SMI objects in hub form, the Services, workloads and
/// namespaces around them, the translation units and which inputs feed each unit. Built by <c>SnapshotBuilder</c>.
/// </summary>
public sealed class MeshSnapshot
{
    /// <summary>Units by key, the order of <see cref="Units"/>.</summary>
    private static readonly Comparer<TranslationUnit> UnitKeyOrder =
        Comparer<TranslationUnit>.Create((x, y) => x.Key.CompareTo(y.Key));

    private readonly Dictionary<(string Namespace, string Name), RouteGroup> _routeGroups;
    private readonly Dictionary<(PortProtocol Protocol, string Namespace, string Name), PortRoute> _portRoutes;
    private readonly Dictionary<(string Namespace, string Name), IdentityBindingRule> _identityBindings;
    private readonly Dictionary<(string Namespace, string Name), ServiceInfo> _services;
    private readonly Dictionary<string, NamespaceInfo> _namespaces;
    private readonly ILookup<string, WorkloadInfo> _workloadsByNamespace;
    private readonly ILookup<string, ServiceInfo> _servicesByNamespace;
    private readonly ConcurrentDictionary<WorkloadInfo, ImmutableArray<ServiceInfo>> _servicesSelecting;
    private readonly ServiceSelectorIndex _serviceSelectorIndex;
    private readonly Lazy<ILookup<string, SplitRule>> _splitsByNamespace;
    private readonly Lazy<ILookup<string, AccessGrant>> _grantsByNamespace;
    private Lazy<ImmutableArray<TranslationUnit>> _units;
    private ImmutableSortedDictionary<UnitKey, TranslationUnit>? _unitsByKey;
    private Lazy<ImmutableDictionary<ResourceRef, ImmutableArray<UnitKey>>> _unitsByInput;
    private readonly Lazy<ResolvedAccess> _access;
    private readonly MeshSnapshot? _unvalidated;

    /// <summary>
    /// A snapshot that takes its lookups from <paramref name="lookups"/> where they hold the same objects: the context
    /// lookups always (Services, workloads and namespaces are never filtered), a route or binding lookup when no route
    /// or binding was left out; without it, a snapshot that builds its own.
    /// </summary>
    internal MeshSnapshot(
        ImmutableArray<SplitRule> splits,
        ImmutableArray<AccessGrant> accessGrants,
        ImmutableArray<RouteGroup> routeGroups,
        ImmutableArray<PortRoute> portRoutes,
        ImmutableArray<IdentityBindingRule> identityBindings,
        ImmutableArray<ServiceInfo> services,
        ImmutableArray<WorkloadInfo> workloads,
        ImmutableArray<NamespaceInfo> namespaces,
        ImmutableArray<Diagnostic> diagnostics,
        MeshSnapshot? lookups = null)
    {
        Splits = splits;
        AccessGrants = accessGrants;
        RouteGroups = routeGroups;
        PortRoutes = portRoutes;
        IdentityBindings = identityBindings;
        Services = services;
        Workloads = workloads;
        Namespaces = namespaces;
        Diagnostics = diagnostics;
        _routeGroups = lookups is not null && lookups.RouteGroups.Length == routeGroups.Length
            ? lookups._routeGroups
            : routeGroups.ToDictionary(g => (g.Namespace, g.Name));
        _portRoutes = lookups is not null && lookups.PortRoutes.Length == portRoutes.Length
            ? lookups._portRoutes
            : portRoutes.ToDictionary(r => (r.Protocol, r.Namespace, r.Name));
        _identityBindings = lookups is not null && lookups.IdentityBindings.Length == identityBindings.Length
            ? lookups._identityBindings
            : identityBindings.ToDictionary(b => (b.Namespace, b.Source.Name));
        _services = lookups?._services ?? services.ToDictionary(s => (s.Namespace, s.Name));
        _namespaces = lookups?._namespaces ?? namespaces.ToDictionary(n => n.Name, StringComparer.Ordinal);
        _workloadsByNamespace = lookups?._workloadsByNamespace
            ?? workloads.ToLookup(w => w.Namespace, StringComparer.Ordinal);
        _servicesByNamespace = lookups?._servicesByNamespace
            ?? services.ToLookup(s => s.Namespace, StringComparer.Ordinal);
        // Services and workloads are never filtered, so the answers of the snapshot the lookups come from hold here.
        _servicesSelecting = lookups?._servicesSelecting ?? new(ReferenceEqualityComparer.Instance);
        _serviceSelectorIndex = lookups?._serviceSelectorIndex ?? new ServiceSelectorIndex(_servicesByNamespace);

        // Computed on first use: the snapshot the validators see is never asked for its units.
        _units = new Lazy<ImmutableArray<TranslationUnit>>(() => UnitIndex.Build(this));
        _unitsByInput =
            new Lazy<ImmutableDictionary<ResourceRef, ImmutableArray<UnitKey>>>(() => UnitIndex.Invert(Units));
        _access = new Lazy<ResolvedAccess>(() => ResolvedAccess.Resolve(this));
        _unvalidated = lookups;
        _splitsByNamespace = new(() => Splits.ToLookup(s => s.Namespace, StringComparer.Ordinal));
        _grantsByNamespace = new(() => AccessGrants.ToLookup(g => g.Namespace, StringComparer.Ordinal));
    }

    /// <summary>Every valid TrafficSplit, sorted by source.</summary>
    public ImmutableArray<SplitRule> Splits { get; }

    /// <summary>Every valid TrafficTarget, sorted by source.</summary>
    public ImmutableArray<AccessGrant> AccessGrants { get; }

    /// <summary>Every HTTPRouteGroup, sorted by source.</summary>
    public ImmutableArray<RouteGroup> RouteGroups { get; }

    /// <summary>Every TCPRoute and UDPRoute, sorted by source.</summary>
    public ImmutableArray<PortRoute> PortRoutes { get; }

    /// <summary>Every IdentityBinding, sorted by source.</summary>
    public ImmutableArray<IdentityBindingRule> IdentityBindings { get; }

    /// <summary>Every Service, sorted.</summary>
    public ImmutableArray<ServiceInfo> Services { get; }

    /// <summary>Every workload, sorted.</summary>
    public ImmutableArray<WorkloadInfo> Workloads { get; }

    /// <summary>Every Namespace object that was part of the input, sorted.</summary>
    public ImmutableArray<NamespaceInfo> Namespaces { get; }

    /// <summary>The input diagnostics: parse and validation problems.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; private set; }

    /// <summary>
    /// The snapshot before validation left out the objects with errors: every SMI object that converted, valid or not.
    /// This snapshot itself when validation left nothing out.
    /// </summary>
    internal MeshSnapshot Unvalidated => _unvalidated ?? this;

    /// <summary>The translation units, sorted by key.</summary>
    public ImmutableArray<TranslationUnit> Units => _units.Value;

    /// <summary>For each input object, the units it feeds.</summary>
    public ImmutableDictionary<ResourceRef, ImmutableArray<UnitKey>> UnitsByInput => _unitsByInput.Value;

    /// <summary>The access model every adapter renders, resolved once on first use.</summary>
    public ResolvedAccess Access => _access.Value;

    /// <summary>Whether any input diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>
    /// Answers <see cref="Units"/> and <see cref="UnitsByInput"/> from an index kept up to date elsewhere
    /// (<see cref="IncrementalUnitIndex"/>) instead of computing them, unless they were asked for already.
    /// </summary>
    internal void UseUnits(
        ImmutableSortedDictionary<UnitKey, TranslationUnit> units,
        ImmutableDictionary<ResourceRef, ImmutableArray<UnitKey>> unitsByInput)
    {
        if (!_units.IsValueCreated)
        {
            _units = new Lazy<ImmutableArray<TranslationUnit>>(() => [.. units.Values]);
            _unitsByKey = units;
        }

        if (!_unitsByInput.IsValueCreated)
        {
            _unitsByInput = new Lazy<ImmutableDictionary<ResourceRef, ImmutableArray<UnitKey>>>(unitsByInput);
        }
    }

    /// <summary>
    /// Whether <see cref="Units"/> holds a unit of this key, without listing the units when an index answers them.
    /// </summary>
    internal bool HasUnit(UnitKey key) =>
        _unitsByKey is { } byKey
            ? byKey.ContainsKey(key)
            : Units.BinarySearch(new TranslationUnit(key, []), UnitKeyOrder) >= 0;

    /// <summary>The valid TrafficSplits of a namespace.</summary>
    internal IEnumerable<SplitRule> SplitsIn(string ns) => _splitsByNamespace.Value[ns];

    /// <summary>The valid TrafficTargets of a namespace.</summary>
    internal IEnumerable<AccessGrant> AccessGrantsIn(string ns) => _grantsByNamespace.Value[ns];

    /// <summary>
    /// This snapshot after a validation that left nothing out: the same snapshot, now with its diagnostics. Only for
    /// the builder, before the snapshot is handed out.
    /// </summary>
    internal MeshSnapshot WithValidationDiagnostics(ImmutableArray<Diagnostic> diagnostics)
    {
        Diagnostics = diagnostics;
        return this;
    }

    /// <summary>
    /// This snapshot after validation: the objects that passed (a subset of this snapshot's, in the same order) and
    /// the diagnostics, sharing this snapshot's lookups instead of building them again.
    /// </summary>
    internal MeshSnapshot Validated(
        ImmutableArray<SplitRule> splits,
        ImmutableArray<AccessGrant> accessGrants,
        ImmutableArray<RouteGroup> routeGroups,
        ImmutableArray<PortRoute> portRoutes,
        ImmutableArray<IdentityBindingRule> identityBindings,
        ImmutableArray<Diagnostic> diagnostics) =>
        new(
            splits,
            accessGrants,
            routeGroups,
            portRoutes,
            identityBindings,
            Services,
            Workloads,
            Namespaces,
            diagnostics,
            this);

    /// <summary>Finds a Service.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <returns>The Service, or <see langword="null"/>.</returns>
    public ServiceInfo? FindService(string ns, string name) => _services.GetValueOrDefault((ns, name));

    /// <summary>Finds an HTTPRouteGroup.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <returns>The route group, or <see langword="null"/>.</returns>
    public RouteGroup? FindRouteGroup(string ns, string name) => _routeGroups.GetValueOrDefault((ns, name));

    /// <summary>Finds a TCPRoute or UDPRoute.</summary>
    /// <param name="protocol">TCP or UDP.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <returns>The route, or <see langword="null"/>.</returns>
    public PortRoute? FindPortRoute(PortProtocol protocol, string ns, string name) =>
        _portRoutes.GetValueOrDefault((protocol, ns, name));

    /// <summary>Finds an IdentityBinding.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <returns>The binding, or <see langword="null"/>.</returns>
    public IdentityBindingRule? FindIdentityBinding(string ns, string name) =>
        _identityBindings.GetValueOrDefault((ns, name));

    /// <summary>Finds a Namespace object.</summary>
    /// <param name="name">The namespace name.</param>
    /// <returns>The namespace, or <see langword="null"/> when it was not part of the input.</returns>
    public NamespaceInfo? FindNamespace(string name) => _namespaces.GetValueOrDefault(name);

    /// <summary>The workloads of a namespace.</summary>
    /// <param name="ns">The namespace.</param>
    /// <returns>The workloads, sorted.</returns>
    public IEnumerable<WorkloadInfo> WorkloadsIn(string ns) => _workloadsByNamespace[ns];

    /// <summary>Whether a workload's own pod labels, as a selector, pick no other workload of its namespace.</summary>
    /// <param name="workload">The workload.</param>
    /// <returns><see langword="true"/> when a selector of all its pod labels selects only its pods.</returns>
    public bool PodLabelsSelectOnly(WorkloadInfo workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return !WorkloadsIn(workload.Namespace)
            .Any(w => w.Ref != workload.Ref && LabelsMatch(workload.PodLabels, w.PodLabels));
    }

    /// <summary>The Services of a namespace that select a workload's pods.</summary>
    /// <param name="workload">The workload.</param>
    /// <returns>The Services, sorted.</returns>
    public IEnumerable<ServiceInfo> ServicesSelecting(WorkloadInfo workload) =>
        _servicesSelecting.GetOrAdd(
            workload,
            static (w, index) => index.Selecting(w),
            _serviceSelectorIndex);

    /// <summary>The Services of a namespace.</summary>
    /// <param name="ns">The namespace.</param>
    /// <returns>The Services, sorted.</returns>
    internal IEnumerable<ServiceInfo> ServicesIn(string ns) => _servicesByNamespace[ns];

    /// <summary>
    /// The service accounts an identity stands for: the account itself, or an IdentityBinding's
    /// <c>serviceAccount</c> and the accounts of the pods its label selector picks.
    /// </summary>
    /// <param name="identity">The identity.</param>
    /// <returns>(namespace, name) pairs, sorted and distinct.</returns>
    public ImmutableArray<(string Namespace, string Name)> ServiceAccountsOf(IdentityRef identity)
    {
        if (identity.Kind == IdentityKind.ServiceAccount)
        {
            return [(identity.Namespace, identity.Name)];
        }

        var binding = FindIdentityBinding(identity.Namespace, identity.Name);
        if (binding is null)
        {
            return [];
        }

        var accounts = new SortedSet<(string, string)>();
        if (binding.ServiceAccount is not null)
        {
            accounts.Add((binding.Namespace, binding.ServiceAccount));
        }

        if (binding.PodLabels is { Count: > 0 } labels)
        {
            foreach (var workload in WorkloadsIn(binding.Namespace).Where(w => LabelsMatch(labels, w.PodLabels)))
            {
                accounts.Add((binding.Namespace, workload.ServiceAccount));
            }
        }

        return [.. accounts];
    }

    /// <summary>The SPIFFE identities an IdentityBinding adds; empty for a ServiceAccount.</summary>
    /// <param name="identity">The identity.</param>
    /// <returns>The SPIFFE IDs as written.</returns>
    public ImmutableArray<string> SpiffeIdentitiesOf(IdentityRef identity) =>
        identity.Kind == IdentityKind.IdentityBinding
            && FindIdentityBinding(identity.Namespace, identity.Name) is { } binding
            ? binding.SpiffeIdentities
            : [];

    /// <summary>
    /// The workloads an identity stands for, with the pod labels they all share and whether those labels select them
    /// and nothing else in their namespace.
    /// </summary>
    /// <param name="identity">The identity.</param>
    /// <returns>The selection.</returns>
    public WorkloadSelection SelectWorkloads(IdentityRef identity)
    {
        var inNamespace = WorkloadsIn(identity.Namespace).ToList();
        List<WorkloadInfo> selected;
        if (identity.Kind == IdentityKind.ServiceAccount)
        {
            selected = [.. inNamespace.Where(w => string.Equals(
                w.ServiceAccount, identity.Name, StringComparison.Ordinal))];
        }
        else if (FindIdentityBinding(identity.Namespace, identity.Name) is { } binding)
        {
            selected = [.. inNamespace.Where(w =>
                (binding.ServiceAccount is not null && string.Equals(
                    w.ServiceAccount, binding.ServiceAccount, StringComparison.Ordinal))
                || (binding.PodLabels is { Count: > 0 } labels && LabelsMatch(labels, w.PodLabels)))];
        }
        else
        {
            selected = [];
        }

        if (selected.Count == 0)
        {
            return new WorkloadSelection([], ImmutableSortedDictionary<string, string>.Empty, false);
        }

        var common = selected[0].PodLabels;
        foreach (var workload in selected.Skip(1))
        {
            common = common.Where(l => workload.PodLabels.TryGetValue(l.Key, out var v) && string.Equals(
                v, l.Value, StringComparison.Ordinal))
                .ToImmutableSortedDictionary(StringComparer.Ordinal);
        }

        var others = inNamespace.Except(selected);
        var exclusive = common.Count > 0 && !others.Any(w => LabelsMatch(common, w.PodLabels));
        return new WorkloadSelection([.. selected], common, exclusive);
    }

    /// <summary>
    /// Maps a port as SMI users write it (a Service port of a Service that selects the workloads) to the container
    /// ports it reaches. A port no Service exposes is taken as a container port.
    /// </summary>
    /// <param name="workloads">The destination workloads.</param>
    /// <param name="port">The port from a TCPRoute, UDPRoute or TrafficTarget destination.</param>
    /// <returns>The container ports, sorted and distinct.</returns>
    public ImmutableArray<int> ResolveContainerPorts(IEnumerable<WorkloadInfo> workloads, int port)
    {
        var result = new SortedSet<int>();
        var viaService = false;
        foreach (var workload in workloads)
        {
            foreach (var service in ServicesSelecting(workload))
            {
                foreach (var servicePort in service.Ports.Where(p => p.Port == port))
                {
                    viaService = true;
                    var target = servicePort.TargetPort;
                    if (target is null)
                    {
                        result.Add(servicePort.Port);
                    }
                    else if (int.TryParse(
                        target,
                        System.Globalization.NumberStyles.None,
                        System.Globalization.CultureInfo.InvariantCulture,
                        out var number))
                    {
                        result.Add(number);
                    }
                    else if (workload.FindPortByName(target) is { } named)
                    {
                        result.Add(named);
                    }
                }
            }
        }

        if (!viaService)
        {
            result.Add(port);
        }

        return [.. result];
    }

    internal static bool LabelsMatch(
        IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.All(s => labels.TryGetValue(s.Key, out var v) && string.Equals(v, s.Value, StringComparison.Ordinal));
}
