namespace Smi.Metrics.Api;

/// <summary>An HTTP answer: a status code and a JSON body.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Body">The JSON body.</param>
public sealed record ApiResponse(int StatusCode, string Body)
{
    /// <summary>The body's media type.</summary>
    public string ContentType => "application/json";
}
