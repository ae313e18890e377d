using System.Collections.Immutable;
using Smi.Abstractions.Adapters;

namespace Smi.Testing.ToyMesh;

/// <summary>
/// The toy mesh's adapter: RouteTables as its only output kind, Endpoints as a kind it reads, Istio's metrics (its
/// proxies are taken to export them) and no access-control delegates.
/// </summary>
public sealed class ToyAdapter : MeshAdapter<ToyOptions, ToyTranslator>
{
    /// <inheritdoc/>
    public override string Name => ToyTranslator.MeshName;

    /// <inheritdoc/>
    public override ImmutableArray<MeshResourceKind> OutputKinds { get; } =
        [new(RouteTable.Group, "v1alpha1", "routetables", nameof(RouteTable))];

    /// <inheritdoc/>
    public override ImmutableArray<MeshResourceKind> WatchedKinds { get; } =
        [MeshResourceKind.Read(string.Empty, "v1", "endpoints", "Endpoints")];

    /// <inheritdoc/>
    public override string? MetricsQueries => "istio";
}
