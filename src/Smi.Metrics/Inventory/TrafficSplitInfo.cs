namespace Smi.Metrics.Inventory;

/// <summary>The parts of a TrafficSplit the metrics need: its root (apex) service and weighted backends.</summary>
/// <param name="Apex">The root service (<c>spec.service</c>).</param>
/// <param name="Backends">The backends in the order the split lists them.</param>
public sealed record TrafficSplitInfo(string Apex, IReadOnlyList<TrafficSplitBackendInfo> Backends);
