namespace Smi.Controller.Hosting.Security;

/// <summary>
/// What a request asks for, in the terms of a SubjectAccessReview: a resource request (verb, API group, version,
/// resource, subresource, namespace, name) or a non-resource request (verb and path, for discovery). The path is read
/// as kube-apiserver's <c>RequestInfoFactory</c> reads it.
/// </summary>
/// <param name="Verb">get, list, watch, create, update, patch or delete.</param>
/// <param name="IsResourceRequest">Whether the path names a resource.</param>
/// <param name="Path">The request path.</param>
/// <param name="Group">The API group of a resource request.</param>
/// <param name="Version">The API version of a resource request.</param>
/// <param name="Resource">The resource, for example <c>deployments</c>.</param>
/// <param name="Subresource">The subresource, for example <c>edges</c>, or empty.</param>
/// <param name="Namespace">The namespace, or empty.</param>
/// <param name="Name">The object name, or empty.</param>
public sealed record RequestAttributes(
    string Verb,
    bool IsResourceRequest,
    string Path,
    string Group = "",
    string Version = "",
    string Resource = "",
    string Subresource = "",
    string Namespace = "",
    string Name = "")
{
    /// <summary>Reads a request path and method.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path, without the query.</param>
    /// <param name="isWatch">Whether the query asks for a watch (<c>watch=true</c>).</param>
    /// <returns>The attributes.</returns>
    public static RequestAttributes From(string method, string path, bool isWatch = false)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var lowerMethod = method.ToUpperInvariant() switch
        {
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            "HEAD" or "GET" => "get",
            var other => other.ToLowerInvariant(),
        };
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        // Only /apis/<group>/<version>/<resource...> names a resource; anything shorter is discovery.
        if (parts is not ["apis", var group, var version, _, ..])
        {
            return new RequestAttributes(lowerMethod, IsResourceRequest: false, path);
        }

        var rest = parts[3..];
        var ns = string.Empty;
        if (rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            if (rest.Length > 2 && rest[2] is not ("status" or "finalize"))
            {
                rest = rest[2..];
            }
        }

        var resource = rest[0];
        var name = rest.Length > 1 ? rest[1] : string.Empty;
        var subresource = rest.Length > 2 ? rest[2] : string.Empty;
        var verb = lowerMethod;
        if (verb == "get" && name.Length == 0)
        {
            verb = isWatch ? "watch" : "list";
        }
        else if (verb == "get" && isWatch)
        {
            verb = "watch";
        }

        return new RequestAttributes(
            verb, IsResourceRequest: true, path, group, version, resource, subresource, ns, name);
    }

    /// <summary>How kube-apiserver words a refusal, for the 403 message.</summary>
    /// <param name="user">The refused user.</param>
    /// <returns>For example <c>User "x" cannot list resource "deployments" in API group "metrics.smi-spec.io"
    /// …</c>.</returns>
    public string Describe(string user)
    {
        if (!IsResourceRequest)
        {
            return $"User \"{user}\" cannot {Verb} path \"{Path}\"";
        }

        var resource = Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";
        var scope = Namespace.Length == 0 ? "at the cluster scope" : $"in the namespace \"{Namespace}\"";
        return $"User \"{user}\" cannot {Verb} resource \"{resource}\" in API group \"{Group}\" {scope}";
    }
}
