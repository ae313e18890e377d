namespace Smi.Metrics.Queries;

/// <summary>Which way traffic flows between a resource and the edge resource.</summary>
public enum EdgeDirection
{
    /// <summary>The resource sends traffic to the edge resource.</summary>
    To,

    /// <summary>The resource receives traffic from the edge resource.</summary>
    From,
}
