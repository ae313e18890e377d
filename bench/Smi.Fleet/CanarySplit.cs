namespace Smi.Fleet;

/// <summary>A weighted TrafficSplit of the fleet (no matches) and the outputs its translation unit writes.</summary>
/// <param name="Namespace">The split's namespace.</param>
/// <param name="Name">The split's name.</param>
/// <param name="Backends">Its backends and weights.</param>
/// <param name="Outputs">The outputs of the translation units it belongs to.</param>
public sealed record CanarySplit(
    string Namespace,
    string Name,
    IReadOnlyList<(string Service, long Weight)> Backends,
    IReadOnlyList<StoredObjectAddress> Outputs);
