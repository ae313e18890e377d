using System.Collections.Immutable;
using Smi.Abstractions.Adapters;

namespace Smi.Kube;

/// <summary>The served resources of the kinds mesh adapters write, as the controller and the tool watch them.</summary>
public static class ResourceKinds
{
    /// <summary>
    /// The output kinds of a controller for <paramref name="mesh"/>: its adapter's, then those of the adapter it
    /// delegates access control to, each once (<see cref="MeshAdapterCatalog.OutputKinds"/>).
    /// </summary>
    /// <param name="adapters">The registered adapters.</param>
    /// <param name="mesh">The mesh name.</param>
    /// <param name="accessControlDelegate">The mesh access control is delegated to, or <see langword="null"/>.</param>
    /// <returns>The resource kinds; empty for an unknown mesh.</returns>
    public static ImmutableArray<ResourceKind> OutputsOf(
        MeshAdapterCatalog adapters, string mesh, string? accessControlDelegate = null)
    {
        ArgumentNullException.ThrowIfNull(adapters);
        return [.. adapters.OutputKinds(mesh, accessControlDelegate).Select(ResourceKind.From)];
    }

    /// <summary>The output kinds of one adapter (<see cref="IMeshAdapter.OutputKinds"/>), in its order.</summary>
    /// <param name="adapter">The adapter.</param>
    /// <returns>The resource kinds.</returns>
    public static ImmutableArray<ResourceKind> OutputsOf(IMeshAdapter adapter)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        return [.. adapter.OutputKinds.Select(ResourceKind.From)];
    }
}
