using System.Collections.Immutable;
using k8s.Models;
using Smi.Abstractions.Conversion;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Resources;

namespace Smi.Abstractions.Snapshot;

/// <summary>
/// One object as a snapshot holds it, converted once: an SMI resource as its hub record, a Service, workload or
/// Namespace as what translation reads of it, with the diagnostics of reading and converting it. A controller keeps
/// one per watched object and builds each snapshot from them (<see cref="SnapshotBuilder.Add(SnapshotEntry)"/>)
/// without converting anything again.
/// </summary>
public sealed class SnapshotEntry
{
    private SnapshotEntry(
        ResourceRef reference,
        object? value,
        SourceLocation? location,
        ImmutableArray<Diagnostic> diagnostics,
        OwnerKey? ownKey,
        ImmutableArray<OwnerKey> controllers)
    {
        Ref = reference;
        Value = value;
        Location = location;
        Diagnostics = diagnostics;
        OwnKey = ownKey;
        Controllers = controllers;
    }

    /// <summary>The object.</summary>
    public ResourceRef Ref { get; }

    /// <summary>
    /// The converted object: a <see cref="SplitRule"/>, <see cref="AccessGrant"/>, <see cref="RouteGroup"/>,
    /// <see cref="PortRoute"/>, <see cref="IdentityBindingRule"/>, <see cref="ServiceInfo"/>,
    /// <see cref="WorkloadInfo"/> or <see cref="NamespaceInfo"/>; <see langword="null"/> when it could not be converted
    /// (the error is in <see cref="Diagnostics"/>).
    /// </summary>
    public object? Value { get; }

    /// <summary>Where it was read, for diagnostics.</summary>
    public SourceLocation? Location { get; }

    /// <summary>What reading and converting it found, located.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The workload as an owner (Deployment, StatefulSet, DaemonSet, ReplicaSet), if it is one.</summary>
    internal OwnerKey? OwnKey { get; }

    /// <summary>The controlling owners of a ReplicaSet or Pod.</summary>
    internal ImmutableArray<OwnerKey> Controllers { get; }

    /// <summary>
    /// Converts one object: a typed SMI resource (to its hub record), a hub record, or a <c>V1Service</c>,
    /// <c>V1Deployment</c>, <c>V1StatefulSet</c>, <c>V1DaemonSet</c>, <c>V1ReplicaSet</c>, <c>V1Pod</c> or
    /// <c>V1Namespace</c>.
    /// </summary>
    /// <param name="resource">The object.</param>
    /// <param name="location">Where it was read, for diagnostics.</param>
    /// <param name="diagnostics">What reading it found already (a loader's diagnostics), kept with it.</param>
    /// <returns>The entry, or <see langword="null"/> for an object translation does not read.</returns>
    public static SnapshotEntry? From(
        object resource, SourceLocation? location = null, IEnumerable<Diagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var found = ImmutableArray.CreateBuilder<Diagnostic>();
        found.AddRange(diagnostics ?? []);
        if (resource is SmiObject smi)
        {
            return FromSmi(smi, location, found);
        }

        var (reference, value) = resource switch
        {
            SplitRule s => (s.Source, (object)s),
            AccessGrant g => (g.Source, g),
            RouteGroup g => (g.Source, g),
            PortRoute r => (r.Source, r),
            IdentityBindingRule b => (b.Source, b),
            V1Service s => (RefOf("v1", "Service", s.Metadata), ContextReader.ToServiceInfo(s)),
            V1Namespace n => (RefOf("v1", "Namespace", n.Metadata) with { Namespace = null },
                ContextReader.ToNamespaceInfo(n)),
            V1Pod or V1Deployment or V1StatefulSet or V1DaemonSet or V1ReplicaSet =>
                Workload(ContextReader.ToWorkloadInfo(resource)!),
            _ => (null!, null!),
        };
        return reference is null
            ? null
            : new SnapshotEntry(
                reference,
                value,
                location,
                found.ToImmutable(),
                OwnedByInput.Key(resource),
                OwnedByInput.ControllersOf(resource));
    }

    private static SnapshotEntry FromSmi(
        SmiObject smi, SourceLocation? location, ImmutableArray<Diagnostic>.Builder found)
    {
        var version = SmiVersions.Find(smi.ApiVersion, smi.Kind);

        // The version's own strings, equal to the object's: a cache of thousands of objects then shares them.
        var reference = new ResourceRef(
            version?.ApiVersion ?? smi.ApiVersion,
            version?.Kind ?? smi.Kind,
            smi.Metadata?.NamespaceProperty,
            smi.Metadata?.Name ?? string.Empty) { Uid = smi.Metadata?.Uid };
        if (version is null)
        {
            found.Add(Located(
                Diagnostic.Error(
                    SmiReasons.UnknownApiVersion,
                    reference,
                    "apiVersion",
                    $"{smi.ApiVersion} {smi.Kind} is not an SMI kind this library knows"),
                location));
            return new SnapshotEntry(reference, null, location, found.ToImmutable(), null, []);
        }

        var context = new ConversionContext(reference);
        try
        {
            var hub = version.ToHub(smi, context);
            found.AddRange(context.Diagnostics.Select(d => Located(d, location)));
            return new SnapshotEntry(reference, hub, location, found.ToImmutable(), null, []);
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or ArgumentException
            or NotSupportedException or FormatException or OverflowException)
        {
            // A null list item or a value of the wrong shape that typed reading let through: reported, not thrown.
            var message = $"{reference} cannot be read: a list item is null or a field has a value of the wrong "
                + "type; check the object against its CRD";
            found.Add(Located(Diagnostic.Error(SmiReasons.InvalidField, reference, "spec", message), location));
            return new SnapshotEntry(reference, null, location, found.ToImmutable(), null, []);
        }
    }

    private static (ResourceRef, object) Workload(WorkloadInfo workload) => (workload.Ref, workload);

    private static ResourceRef RefOf(string apiVersion, string kind, V1ObjectMeta? metadata) =>
        new(apiVersion, kind, metadata?.NamespaceProperty, metadata?.Name ?? string.Empty) { Uid = metadata?.Uid };

    internal static Diagnostic Located(Diagnostic diagnostic, SourceLocation? location) =>
        diagnostic.Location is null && location is not null ? diagnostic with { Location = location } : diagnostic;
}
