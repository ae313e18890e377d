using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer.Auth;

/// <summary>
/// The Status objects kube-apiserver answers refused requests with: 401 from the authentication filter and 403 from
/// the authorization filter (<c>staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go</c>
/// <c>forbiddenMessage</c>, wrapped by <c>apierrors.NewForbidden</c>).
/// </summary>
internal static class AuthorizationStatus
{
    /// <summary>401 Unauthorized: a missing or unknown bearer token.</summary>
    public static JsonObject Unauthorized() => KubernetesStatus.Failure(401, "Unauthorized", "Unauthorized");

    /// <summary>
    /// 403 Forbidden: <c>pods "p" is forbidden: User "u" cannot get resource "pods/status" in API group "" in the
    /// namespace "n"</c>, <c>... at the cluster scope</c>, or <c>forbidden: User "u" cannot get path "/x"</c>.
    /// </summary>
    /// <param name="user">The user name.</param>
    /// <param name="request">The refused request.</param>
    /// <param name="reason">The authorizer's reason; appended after a colon when not empty.</param>
    public static JsonObject Forbidden(string user, RequestAttributes request, string reason)
    {
        var message = Message(user, request);
        if (reason.Length > 0)
        {
            message += ": " + reason;
        }

        if (!request.IsResourceRequest)
        {
            return KubernetesStatus.Failure(403, "Forbidden", "forbidden: " + message, new JsonObject());
        }

        return KubernetesStatus.Forbidden(request.ApiGroup, request.Resource, request.Name, message);
    }

    /// <summary>The <c>forbiddenMessage</c> text, also used in logs and test assertions.</summary>
    /// <param name="user">The user name.</param>
    /// <param name="request">The refused request.</param>
    public static string Message(string user, RequestAttributes request)
    {
        if (!request.IsResourceRequest)
        {
            return $"User \"{user}\" cannot {request.Verb} path \"{request.Path}\"";
        }

        var scope = request.Namespace.Length > 0 ? $"in the namespace \"{request.Namespace}\"" : "at the cluster scope";
        return $"User \"{user}\" cannot {request.Verb} resource \"{request.CombinedResource}\" in API group "
            + $"\"{request.ApiGroup}\" {scope}";
    }
}
