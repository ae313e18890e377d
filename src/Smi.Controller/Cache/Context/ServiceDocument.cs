namespace Smi.Controller.Cache.Context;

/// <summary>What translation reads of a Service.</summary>
internal sealed class ServiceDocument
{
    public ObjectMetaDocument? Metadata { get; init; }

    public ServiceSpecDocument? Spec { get; init; }
}
