namespace Smi.Metrics.Queries;

/// <summary>Finds the query provider for a mesh by name.</summary>
public static class MeshMetricsQueries
{
    /// <summary>The supported mesh names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["istio", "linkerd", "consul"];

    /// <summary>The provider for <paramref name="mesh"/> (case-insensitive).</summary>
    /// <param name="mesh"><c>istio</c>, <c>linkerd</c> or <c>consul</c>.</param>
    /// <param name="queries">The provider.</param>
    /// <returns><see langword="true"/> when the mesh is supported.</returns>
    public static bool TryGet(string mesh, out IMeshMetricsQueries queries)
    {
        queries = mesh?.ToLowerInvariant() switch
        {
            "istio" => new IstioMetricsQueries(),
            "linkerd" => new LinkerdMetricsQueries(),
            "consul" => new ConsulMetricsQueries(),
            _ => null!,
        };
        return queries is not null;
    }
}
