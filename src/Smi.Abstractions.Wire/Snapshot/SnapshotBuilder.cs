using System.Collections.Immutable;
using k8s.Models;
using Smi.Abstractions.Conversion;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Resources;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Validation;

namespace Smi.Abstractions.Snapshot;

/// <summary>
/// Builds a <see cref="MeshSnapshot"/> from any set of objects: typed SMI resources of any version (converted to the
/// hub model), hub records, and Kubernetes Services, workloads and Namespaces. It validates the SMI objects; a
/// TrafficSplit or TrafficTarget with an error stays out of the snapshot, and the error is in its diagnostics.
/// </summary>
public sealed class SnapshotBuilder
{
    private readonly Dictionary<ResourceRef, object> _objects = [];
    private readonly Dictionary<ResourceRef, SourceLocation> _locations = [];
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly IReadOnlyList<ISmiValidator> _validators;

    /// <summary>Creates a builder with the default validators.</summary>
    public SnapshotBuilder()
        : this(DefaultValidators)
    {
    }

    /// <summary>Creates a builder with the given validators.</summary>
    /// <param name="validators">The validators to run.</param>
    public SnapshotBuilder(IEnumerable<ISmiValidator> validators)
    {
        _validators = [.. validators];
    }

    /// <summary>The validators every snapshot runs unless told otherwise.</summary>
    public static IReadOnlyList<ISmiValidator> DefaultValidators { get; } =
    [
        new SplitValidator(),
        new RouteGroupValidator(),
        new PortRouteValidator(),
        new IdentityBindingValidator(),
        new AccessValidator(),
        new BoundsValidator(),
    ];

    /// <summary>Adds everything a loader read, diagnostics included.</summary>
    /// <param name="result">The load result.</param>
    /// <returns>This builder.</returns>
    public SnapshotBuilder Add(LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _diagnostics.AddRange(result.Diagnostics);
        foreach (var loaded in result.Objects)
        {
            Add(loaded.Resource, loaded.Location);
        }

        return this;
    }

    /// <summary>
    /// Adds one object: a typed SMI resource, a hub record (<see cref="SplitRule"/>, <see cref="AccessGrant"/>,
    /// <see cref="RouteGroup"/>, <see cref="PortRoute"/>, <see cref="IdentityBindingRule"/>), or a <c>V1Service</c>,
    /// <c>V1Deployment</c>, <c>V1StatefulSet</c>, <c>V1DaemonSet</c>, <c>V1ReplicaSet</c>, <c>V1Pod</c> or
    /// <c>V1Namespace</c>. Other objects are ignored.
    /// </summary>
    /// <param name="resource">The object.</param>
    /// <param name="location">Where it was read, for diagnostics.</param>
    /// <returns>This builder.</returns>
    public SnapshotBuilder Add(object resource, SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        object? entry = resource;
        ResourceRef? reference;
        if (resource is SmiObject smi)
        {
            var version = SmiVersions.Find(smi.ApiVersion, smi.Kind);
            reference = new ResourceRef(
                smi.ApiVersion,
                smi.Kind,
                smi.Metadata?.NamespaceProperty,
                smi.Metadata?.Name ?? string.Empty) { Uid = smi.Metadata?.Uid };
            if (version is null)
            {
                _diagnostics.Add(Located(
                    Diagnostic.Error(
                        SmiReasons.UnknownApiVersion,
                        reference,
                        "apiVersion",
                        $"{smi.ApiVersion} {smi.Kind} is not an SMI kind this library knows"),
                    location));
                return this;
            }

            var context = new ConversionContext(reference);
            try
            {
                entry = version.ToHub(smi, context);
            }
            catch (Exception e) when (e is NullReferenceException or InvalidOperationException or ArgumentException
                or NotSupportedException or FormatException or OverflowException)
            {
                // A null list item or a value of the wrong shape that typed reading let through: reported, not thrown.
                var message = $"{reference} cannot be read: a list item is null or a field has a value of the wrong "
                    + "type; check the object against its CRD";
                _diagnostics.Add(Located(
                    Diagnostic.Error(SmiReasons.InvalidField, reference, "spec", message), location));
                return this;
            }

            _diagnostics.AddRange(context.Diagnostics.Select(d => Located(d, location)));
        }
        else
        {
            reference = resource switch
            {
                SplitRule s => s.Source,
                AccessGrant g => g.Source,
                RouteGroup g => g.Source,
                PortRoute r => r.Source,
                IdentityBindingRule b => b.Source,
                V1Service s => Ref("v1", "Service", s.Metadata),
                V1Pod p => Ref("v1", "Pod", p.Metadata),
                V1Namespace n => Ref("v1", "Namespace", n.Metadata) with { Namespace = null },
                V1Deployment d => Ref("apps/v1", "Deployment", d.Metadata),
                V1StatefulSet s => Ref("apps/v1", "StatefulSet", s.Metadata),
                V1DaemonSet d => Ref("apps/v1", "DaemonSet", d.Metadata),
                V1ReplicaSet r => Ref("apps/v1", "ReplicaSet", r.Metadata),
                _ => null,
            };
        }

        if (reference is null)
        {
            return this;
        }

        if (_objects.ContainsKey(reference))
        {
            _diagnostics.Add(Located(
                Diagnostic.Warning(
                    SmiReasons.DuplicateObject,
                    reference,
                    null,
                    $"{reference} appears more than once; the last one read wins"),
                location));
        }

        _objects[reference] = entry;
        if (location is not null)
        {
            _locations[reference] = location;
        }

        return this;
    }

    /// <summary>Adds diagnostics found before building, such as parse errors.</summary>
    /// <param name="diagnostics">The diagnostics.</param>
    /// <returns>This builder.</returns>
    public SnapshotBuilder AddDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        _diagnostics.AddRange(diagnostics);
        return this;
    }

    /// <summary>Validates and builds the snapshot.</summary>
    /// <returns>The snapshot.</returns>
    public MeshSnapshot Build()
    {
        var values = _objects.Values.ToList();
        var routeGroups = Sorted(values.OfType<RouteGroup>(), g => g.Source);
        var portRoutes = Sorted(values.OfType<PortRoute>(), r => r.Source);
        var bindings = Sorted(values.OfType<IdentityBindingRule>(), b => b.Source);
        var splits = Sorted(values.OfType<SplitRule>(), s => s.Source);
        var grants = Sorted(values.OfType<AccessGrant>(), g => g.Source);
        var services = Sorted(values.OfType<V1Service>().Select(ContextReader.ToServiceInfo), s => s.Ref);
        var workloads = Sorted(
            OwnedByInput.Without(values).Select(ContextReader.ToWorkloadInfo).OfType<WorkloadInfo>(), w => w.Ref);
        var namespaces = values.OfType<V1Namespace>().Select(ContextReader.ToNamespaceInfo)
            .OrderBy(n => n.Name, StringComparer.Ordinal).ToImmutableArray();

        var unvalidated = new MeshSnapshot(
            splits, grants, routeGroups, portRoutes, bindings, services, workloads, namespaces, []);
        var diagnostics = _diagnostics.ToList();
        diagnostics.AddRange(_validators.SelectMany(v => v.Validate(unvalidated)).Select(d => Located(
            d, d.Object is null ? null : _locations.GetValueOrDefault(d.Object))));

        var failed = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Object is not null)
            .Select(d => d.Object!).ToHashSet();
        var sortedDiagnostics = diagnostics.Distinct().Order(DiagnosticOrder.Instance).ToImmutableArray();
        return unvalidated.Validated(
            [.. splits.Where(s => !failed.Contains(s.Source))],
            [.. grants.Where(g => !failed.Contains(g.Source))],
            [.. routeGroups.Where(g => !failed.Contains(g.Source))],
            [.. portRoutes.Where(r => !failed.Contains(r.Source))],
            [.. bindings.Where(b => !failed.Contains(b.Source))],
            sortedDiagnostics);
    }

    /// <summary>
    /// Builds the snapshot of what a manifest loader (<c>ManifestLoader</c> in Smi.Abstractions.Tooling) read, with
    /// the default validators.
    /// </summary>
    /// <param name="loaded">The load result.</param>
    /// <returns>The snapshot.</returns>
    public static MeshSnapshot FromLoadResult(LoadResult loaded) => new SnapshotBuilder().Add(loaded).Build();

    private static ImmutableArray<T> Sorted<T>(IEnumerable<T> items, Func<T, ResourceRef> key) =>
        [.. items.OrderBy(key)];

    private static ResourceRef Ref(string apiVersion, string kind, V1ObjectMeta? metadata) =>
        new(apiVersion, kind, metadata?.NamespaceProperty, metadata?.Name ?? string.Empty) { Uid = metadata?.Uid };

    private static Diagnostic Located(Diagnostic diagnostic, SourceLocation? location) =>
        diagnostic.Location is null && location is not null ? diagnostic with { Location = location } : diagnostic;
}
