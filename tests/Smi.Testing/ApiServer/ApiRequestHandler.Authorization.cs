using Microsoft.AspNetCore.Http;
using Smi.Testing.ApiServer.Auth;

namespace Smi.Testing.ApiServer;

/// <summary>
/// Authentication by bearer token and RBAC authorization of every request, when
/// <see cref="LoopbackApiServerOptions.EnforceRbac"/> is on: the filters kube-apiserver runs before a request reaches
/// its handler (https://kubernetes.io/docs/reference/access-authn-authz/controlling-access/).
/// </summary>
internal sealed partial class ApiRequestHandler
{
    private RbacAuthorizer? _rbac;

    private RbacAuthorizer Rbac => _rbac ??= new RbacAuthorizer(store);

    /// <summary>Throws the 401 or 403 Status when the request may not proceed.</summary>
    private void Authorize(HttpContext context, ApiRequestInfo info)
    {
        if (!options.EnforceRbac)
        {
            return;
        }

        var user = Caller(context.Request.Headers.Authorization.ToString());
        if (user is null || !user.Groups.Contains("system:authenticated"))
        {
            throw new ApiErrorException(AuthorizationStatus.Unauthorized());
        }

        var query = context.Request.Query;
        var request = RequestAttributes.Of(
            info.Method, info.Path, info.IsWatch || IsTrue(query["watch"]), query["fieldSelector"].ToString());
        var decision = Rbac.Authorize(user, request);
        if (!decision.Allowed)
        {
            throw new ApiErrorException(AuthorizationStatus.Forbidden(user.Name, request, decision.Reason));
        }
    }

    /// <summary>
    /// RBAC objects are named like path segments (<c>system:auth-delegator</c>), as kube-apiserver's
    /// <c>ValidateRBACName</c> (<c>path.IsValidPathSegmentName</c>) allows: not <c>.</c> or <c>..</c>, no <c>/</c> or
    /// <c>%</c>.
    /// </summary>
    private static void ValidatePathSegmentName(ResourceType type, string name)
    {
        if (name.Length == 0 || name is "." or ".." || name.Contains('/', StringComparison.Ordinal)
            || name.Contains('%', StringComparison.Ordinal))
        {
            throw new ApiErrorException(KubernetesStatus.Invalid(
                type.Group, type.Kind, name,
                [new FieldViolation("metadata.name", $"\"{name}\": may not be '.' or '..' or contain '/' or '%'")]));
        }
    }
}
