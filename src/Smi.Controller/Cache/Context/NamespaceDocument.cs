namespace Smi.Controller.Cache.Context;

/// <summary>What translation reads of a Namespace.</summary>
internal sealed class NamespaceDocument
{
    public ObjectMetaDocument? Metadata { get; init; }
}
