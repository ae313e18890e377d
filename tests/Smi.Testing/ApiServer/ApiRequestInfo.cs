namespace Smi.Testing.ApiServer;

/// <summary>What a fault rule sees of a request.</summary>
/// <param name="Method">GET, POST, PUT, PATCH or DELETE.</param>
/// <param name="Path">The URL path, e.g. <c>/api/v1/namespaces/default/services</c>.</param>
/// <param name="Query">The query string including <c>?</c>, or empty.</param>
/// <param name="ContentType">The request content type, if any.</param>
public sealed record ApiRequestInfo(string Method, string Path, string Query, string? ContentType)
{
    /// <summary>Whether the request changes state (POST, PUT, PATCH, DELETE).</summary>
    public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    /// <summary>Whether the request opens a watch.</summary>
    public bool IsWatch => Query.Contains("watch=true", StringComparison.Ordinal) || Query.Contains("watch=1", StringComparison.Ordinal);
}
