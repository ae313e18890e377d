namespace Smi.Metrics.Inventory;

/// <summary>One backend of a TrafficSplit.</summary>
/// <param name="Service">The backend service's name.</param>
/// <param name="Weight">The weight as written in the split.</param>
public sealed record TrafficSplitBackendInfo(string Service, long Weight);
