namespace Smi.Testing.ApiServer;

/// <summary>One request the server received and the status it answered with (0 when it never answered).</summary>
/// <param name="Method">GET, POST, PUT, PATCH or DELETE.</param>
/// <param name="Path">The URL path.</param>
/// <param name="Query">The query string including <c>?</c>, or empty.</param>
/// <param name="ContentType">The request content type, if any.</param>
/// <param name="StatusCode">The response status code; 0 for a request held by <see cref="FaultInjector.HangNext(string, int)"/>.</param>
/// <param name="Fault">Whether an injected fault produced the response.</param>
public sealed record RecordedRequest(string Method, string Path, string Query, string? ContentType, int StatusCode, bool Fault)
{
    /// <summary>When the server recorded its answer (to measure how long a client waited).</summary>
    public DateTimeOffset Time { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Whether the request changes state (POST, PUT, PATCH, DELETE).</summary>
    public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    /// <summary>Whether the request opened a watch.</summary>
    public bool IsWatch => Query.Contains("watch=true", StringComparison.Ordinal) || Query.Contains("watch=1", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path}{Query} -> {StatusCode}{(Fault ? " (fault)" : string.Empty)}";
}
