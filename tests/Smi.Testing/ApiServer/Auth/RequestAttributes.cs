namespace Smi.Testing.ApiServer.Auth;

/// <summary>
/// What a request asks to do, in the terms RBAC decides on: kube-apiserver's <c>RequestInfo</c>
/// (<c>staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go</c>).
/// </summary>
/// <param name="IsResourceRequest">Whether the request is for a resource (under <c>/api/v1</c> or
/// <c>/apis/group/version</c>); discovery and other paths are non-resource requests.</param>
/// <param name="Verb">get, list, watch, create, update, patch, delete or deletecollection; for a non-resource
/// request the lower-case HTTP method.</param>
/// <param name="Path">The URL path.</param>
/// <param name="ApiGroup">The API group; empty for core.</param>
/// <param name="ApiVersion">The API version.</param>
/// <param name="Resource">The plural resource.</param>
/// <param name="Subresource">The subresource, such as <c>status</c>, or empty.</param>
/// <param name="Namespace">The namespace, or empty at the cluster scope.</param>
/// <param name="Name">The object name, or empty for collections.</param>
internal sealed record RequestAttributes(
    bool IsResourceRequest,
    string Verb,
    string Path,
    string ApiGroup,
    string ApiVersion,
    string Resource,
    string Subresource,
    string Namespace,
    string Name)
{
    /// <summary>Namespace subresources that stay part of the namespaces resource (requestinfo.go).</summary>
    private static readonly string[] NamespaceSubresources = ["status", "finalize"];

    /// <summary><c>resource/subresource</c>, or the resource alone.</summary>
    public string CombinedResource => Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";

    /// <summary>Reads the attributes of a request the way kube-apiserver's <c>RequestInfoFactory</c> does.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The URL path.</param>
    /// <param name="isWatch">Whether the query asks for a watch.</param>
    /// <param name="fieldSelector">The <c>fieldSelector</c> of a list or watch, if any.</param>
    public static RequestAttributes Of(string method, string path, bool isWatch, string? fieldSelector)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        string version;
        string[] rest;
        switch (parts)
        {
            case ["api", var v, .. var tail] when tail.Length > 0:
                (group, version, rest) = (string.Empty, v, tail);
                break;
            case ["apis", var g, var v, .. var tail] when tail.Length > 0:
                (group, version, rest) = (g, v, tail);
                break;
            default:
                return new RequestAttributes(
                    false, method.ToLowerInvariant(), path, string.Empty, string.Empty, string.Empty, string.Empty,
                    string.Empty, string.Empty);
        }

        var ns = string.Empty;
        if (rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2]))
            {
                rest = rest[2..];
            }
        }

        var resource = rest[0];
        var name = rest.Length > 1 ? rest[1] : string.Empty;
        var subresource = rest.Length > 2 ? rest[2] : string.Empty;
        var verb = method switch
        {
            "GET" or "HEAD" when isWatch => "watch",
            "GET" or "HEAD" => name.Length == 0 ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => name.Length == 0 ? "deletecollection" : "delete",
            _ => method.ToLowerInvariant(),
        };

        // A list or watch of one object by metadata.name is authorized for that name (resourceNames apply).
        if (verb is "list" or "watch" && name.Length == 0 && SingleName(fieldSelector) is { } selected)
        {
            name = selected;
        }

        return new RequestAttributes(true, verb, path, group, version, resource, subresource, ns, name);
    }

    private static string? SingleName(string? fieldSelector)
    {
        if (string.IsNullOrEmpty(fieldSelector) || fieldSelector.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var prefix in (string[])["metadata.name==", "metadata.name="])
        {
            if (fieldSelector.StartsWith(prefix, StringComparison.Ordinal))
            {
                return fieldSelector[prefix.Length..];
            }
        }

        return null;
    }
}
