using Microsoft.AspNetCore.Http;

namespace Smi.Controller.Hosting;

/// <summary>
/// Bounds one webhook request: a deadline for reading and answering it (408 when passed) and Kestrel's body-size
/// refusal answered as 413 (the body is refused while it streams in, never buffered whole).
/// </summary>
internal static class WebhookRequestBounds
{
    /// <summary>Runs the rest of the pipeline under the deadline and turns the bounds' failures into answers.</summary>
    /// <param name="context">The request.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <param name="timeout">The deadline.</param>
    public static async Task ApplyAsync(HttpContext context, RequestDelegate next, TimeSpan timeout)
    {
        var aborted = context.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(timeout);
        context.RequestAborted = deadline.Token;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            var message = $"the request took longer than {timeout.TotalSeconds:0.#} s";
            await RefuseAsync(context, StatusCodes.Status408RequestTimeout, message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            var message = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "the request body is larger than the webhook accepts (Controller:SecureServing:MaxRequestBodyBytes)"
                : e.Message;
            await RefuseAsync(context, e.StatusCode, message).ConfigureAwait(false);
        }
        finally
        {
            context.RequestAborted = aborted;
        }
    }

    private static async Task RefuseAsync(HttpContext context, int code, string message)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = code;
        context.Response.ContentType = "text/plain";
        context.Response.Headers.Connection = "close";
        using var write = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await context.Response.WriteAsync(message, write.Token).ConfigureAwait(false);
    }
}
