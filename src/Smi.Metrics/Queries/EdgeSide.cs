namespace Smi.Metrics.Queries;

/// <summary>Where along an edge the traffic was measured.</summary>
public enum EdgeSide
{
    /// <summary>At the client (the caller's proxy).</summary>
    Client,

    /// <summary>At the server (the callee's proxy).</summary>
    Server,
}
