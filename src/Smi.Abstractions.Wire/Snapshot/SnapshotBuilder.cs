using System.Collections.Immutable;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
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
    private readonly Dictionary<ResourceRef, SnapshotEntry> _objects = [];
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
        return SnapshotEntry.From(resource, location) is { } entry ? Add(entry) : this;
    }

    /// <summary>Adds an object converted before (<see cref="SnapshotEntry.From"/>), with its diagnostics.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>This builder.</returns>
    public SnapshotBuilder Add(SnapshotEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _diagnostics.AddRange(entry.Diagnostics);
        if (entry.Value is null)
        {
            return this;
        }

        var reference = entry.Ref;
        if (_objects.ContainsKey(reference))
        {
            _diagnostics.Add(Located(
                Diagnostic.Warning(
                    SmiReasons.DuplicateObject,
                    reference,
                    null,
                    $"{reference} appears more than once; the last one read wins"),
                entry.Location));
        }

        _objects[reference] = entry;
        if (entry.Location is not null)
        {
            _locations[reference] = entry.Location;
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
        var entries = _objects.Values.ToList();
        var values = entries.Select(e => e.Value).ToList();
        var routeGroups = Sorted(values.OfType<RouteGroup>(), g => g.Source);
        var portRoutes = Sorted(values.OfType<PortRoute>(), r => r.Source);
        var bindings = Sorted(values.OfType<IdentityBindingRule>(), b => b.Source);
        var splits = Sorted(values.OfType<SplitRule>(), s => s.Source);
        var grants = Sorted(values.OfType<AccessGrant>(), g => g.Source);
        var services = Sorted(values.OfType<ServiceInfo>(), s => s.Ref);
        var workloads = Sorted(OwnedByInput.Without(entries).Select(e => e.Value).OfType<WorkloadInfo>(), w => w.Ref);
        var namespaces = values.OfType<NamespaceInfo>().OrderBy(n => n.Name, StringComparer.Ordinal)
            .ToImmutableArray();

        var unvalidated = new MeshSnapshot(
            splits, grants, routeGroups, portRoutes, bindings, services, workloads, namespaces, []);
        var diagnostics = _diagnostics.ToList();
        diagnostics.AddRange(_validators.SelectMany(v => v.Validate(unvalidated)).Select(d => Located(
            d, d.Object is null ? null : _locations.GetValueOrDefault(d.Object))));

        var failed = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Object is not null)
            .Select(d => d.Object!).ToHashSet();
        var sortedDiagnostics = diagnostics.Distinct().Order(DiagnosticOrder.Instance).ToImmutableArray();
        if (failed.Count == 0 || !(splits.Any(s => failed.Contains(s.Source))
            || grants.Any(g => failed.Contains(g.Source)) || routeGroups.Any(g => failed.Contains(g.Source))
            || portRoutes.Any(r => failed.Contains(r.Source)) || bindings.Any(b => failed.Contains(b.Source))))
        {
            // Nothing left out: the snapshot the validators saw is the one handed out.
            return unvalidated.WithValidationDiagnostics(sortedDiagnostics);
        }

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

    private static Diagnostic Located(Diagnostic diagnostic, SourceLocation? location) =>
        SnapshotEntry.Located(diagnostic, location);
}
