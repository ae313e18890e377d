using Microsoft.AspNetCore.Http;

namespace Smi.Testing.ApiServer;

/// <summary>
/// Slow requests (<see cref="RequestDelays"/>) and stalled watches
/// (<see cref="FaultInjector.StallNext(Func{ApiRequestInfo, bool}, int)"/>).
/// </summary>
internal sealed partial class ApiRequestHandler
{
    public RequestDelays Delays { get; init; } = new();

    /// <summary>
    /// Waits the request's delay; false when the client gave up meanwhile (then nothing else is done).
    /// </summary>
    private async Task<bool> DelayAsync(HttpContext context, ApiRequestInfo info)
    {
        var delay = Delays.For(info);
        if (delay <= TimeSpan.Zero)
        {
            return true;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(delay, wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            log.Add(info, 0, fault: true);
            return false;
        }
    }

    /// <summary>
    /// Answers 200 with the headers of a watch and then sends nothing at all (no events, no bookmarks), ignoring
    /// <c>timeoutSeconds</c>, as a connection that died on the way does, until the client gives up, the server stops
    /// or <see cref="LoopbackApiServerOptions.MaxHang"/> passes; then the connection is dropped.
    /// </summary>
    private async Task StallAsync(HttpContext context, ApiRequestInfo info)
    {
        log.Add(info, 200, fault: true);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync(stall.Token).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(stall.Token).ConfigureAwait(false);
            await Task.Delay(options.MaxHang, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the server is stopping.
        }
        catch (IOException)
        {
            // The connection dropped.
        }

        context.Abort();
    }
}
