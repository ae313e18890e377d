namespace Smi.Controller.Cache.Context;

/// <summary>One of <c>metadata.ownerReferences</c>: which workload controls a Pod.</summary>
internal sealed class OwnerReferenceDocument
{
    public string? Kind { get; init; }

    public string? Name { get; init; }

    public bool? Controller { get; init; }
}
