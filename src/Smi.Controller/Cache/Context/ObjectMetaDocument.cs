namespace Smi.Controller.Cache.Context;

/// <summary>The part of <c>metadata</c> translation reads of a Service, workload, Pod or Namespace.</summary>
internal sealed class ObjectMetaDocument
{
    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public string? Uid { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public Dictionary<string, string>? Annotations { get; init; }

    public List<OwnerReferenceDocument?>? OwnerReferences { get; init; }
}
