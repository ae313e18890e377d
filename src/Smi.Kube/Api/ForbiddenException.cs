using k8s.Autorest;
using Smi.Kube.Rbac;

namespace Smi.Kube.Api;

/// <summary>A 403 answer to one of the controller's requests, with the permission the request needed.</summary>
internal sealed class ForbiddenException : Exception
{
    public ForbiddenException(MissingPermission permission, HttpOperationException inner)
        : base($"the API server refused to {permission}: {inner.Response?.Content}", inner)
    {
        Permission = permission;
    }

    public ForbiddenException()
    {
        Permission = new MissingPermission(string.Empty, string.Empty, string.Empty, string.Empty);
    }

    public ForbiddenException(string message)
        : base(message)
    {
        Permission = new MissingPermission(string.Empty, string.Empty, string.Empty, string.Empty);
    }

    public ForbiddenException(string message, Exception inner)
        : base(message, inner)
    {
        Permission = new MissingPermission(string.Empty, string.Empty, string.Empty, string.Empty);
    }

    public MissingPermission Permission { get; }
}
