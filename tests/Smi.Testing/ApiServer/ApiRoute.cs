namespace Smi.Testing.ApiServer;

/// <summary>A parsed resource URL: the served type, the namespace from the URL (null when none), the name and subresource.</summary>
internal sealed record ApiRoute(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    public ObjectKey Key => new(Type.StorageKey, Namespace ?? string.Empty, Name ?? string.Empty);
}
