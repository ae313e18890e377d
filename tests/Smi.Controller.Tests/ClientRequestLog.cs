using System.Diagnostics;

namespace Smi.Controller.Tests;

/// <summary>
/// One request a client sent: when it left, when it ended and how (status 0: no answer, cancelled or failed).
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The URL path.</param>
/// <param name="Sent">When the client sent it (stopwatch ticks of <see cref="ClientRequestLog.Now"/>).</param>
internal sealed record ClientRequest(string Method, string Path, long Sent)
{
    public long? Ended { get; set; }

    public int Status { get; set; }

    public string? Body { get; set; }

    public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";
}

/// <summary>
/// Records every request of one client as the client sees it (the test's view of one controller): the server's log
/// cannot tell two controllers apart, this log belongs to one. Lease reads keep their answer, to find when a
/// controller could have seen the Lease change hands.
/// </summary>
internal sealed class ClientRequestLog : DelegatingHandler
{
    private readonly Lock _gate = new();
    private readonly List<ClientRequest> _requests = [];

    /// <summary>The clock of <see cref="ClientRequest.Sent"/> and <see cref="ClientRequest.Ended"/>.</summary>
    public static long Now => Stopwatch.GetTimestamp();

    public IReadOnlyList<ClientRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var entry = new ClientRequest(request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, Now);
        lock (_gate)
        {
            _requests.Add(entry);
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (entry.Path.Contains("/leases/", StringComparison.Ordinal) && response.Content is not null)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                entry.Body = await response.Content.ReadAsStringAsync(cancellationToken);
            }

            entry.Status = (int)response.StatusCode;
            return response;
        }
        finally
        {
            entry.Ended = Now;
        }
    }
}
