namespace Smi.Abstractions.Snapshot;

/// <summary>What a <see cref="UnitKey"/> keys on.</summary>
public enum UnitKind
{
    /// <summary>The outputs of every TrafficSplit on one root Service.</summary>
    SplitRoot = 0,

    /// <summary>The outputs of every TrafficTarget on one destination identity.</summary>
    AccessDestination = 1,

    /// <summary>Namespace-wide outputs, such as a default-deny policy.</summary>
    Namespace = 2,

    /// <summary>Mesh-wide outputs, such as a wildcard deny intention.</summary>
    Mesh = 3,
}
