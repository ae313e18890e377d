using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Smi.Webhooks.Admission;
using Smi.Webhooks.Conversion;
using Smi.Webhooks.Reviews;

namespace Smi.Webhooks;

/// <summary>Maps the webhook endpoints into an ASP.NET Core host.</summary>
public static class WebhookEndpoints
{
    /// <summary>The path of the conversion webhook.</summary>
    public const string ConvertPath = "/convert";

    /// <summary>The path of the validating admission webhook.</summary>
    public const string ValidatePath = "/validate";

    /// <summary>
    /// Maps <c>POST /convert</c> (ConversionReview in and out) and <c>POST /validate</c> (AdmissionReview in and out).
    /// The admission webhook is the registered <see cref="SmiAdmissionWebhook"/> service, or one that checks each
    /// object alone when none is registered. A body that is not a review (not JSON, the wrong apiVersion or kind, no
    /// request or uid, a field of the wrong type, a null object) gets 400 with a message naming the problem.
    /// </summary>
    /// <param name="endpoints">The endpoint builder, for example a <c>WebApplication</c>.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var fallback = new SmiAdmissionWebhook();
        endpoints.MapPost(ConvertPath, async context =>
        {
            var (review, problem) = await ReviewEnvelope
                .ReadConversionAsync(context.Request.Body, context.RequestAborted)
                .ConfigureAwait(false);
            await AnswerAsync(context, review, problem, SmiConversionWebhook.Convert).ConfigureAwait(false);
        });
        endpoints.MapPost(ValidatePath, async context =>
        {
            var (review, problem) = await ReviewEnvelope
                .ReadAdmissionAsync(context.Request.Body, context.RequestAborted)
                .ConfigureAwait(false);
            var webhook = context.RequestServices.GetService<SmiAdmissionWebhook>() ?? fallback;
            await AnswerAsync(context, review, problem, webhook.Review).ConfigureAwait(false);
        });
        return endpoints;
    }

    private static async Task AnswerAsync<T>(HttpContext context, T? review, string? problem, Func<T, T> answer)
        where T : class
    {
        T? result = null;
        if (review is not null)
        {
            try
            {
                result = answer(review);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A review that passed the envelope checks but holds something the webhook cannot read: the caller's
                // input, not a server fault. No exception text: it would name .NET internals.
                problem = $"the {typeof(T).Name} holds a value the webhook cannot read; check request.object(s) "
                    + "for nulls and values of the wrong type";
            }
        }

        if (result is null)
        {
            await BadRequestAsync(context, problem ?? $"the body is not a {typeof(T).Name}").ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, result).ConfigureAwait(false);
    }

    private static async Task BadRequestAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteAsync<T>(HttpContext context, T review)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, review, ReviewJson.Options, context.RequestAborted)
            .ConfigureAwait(false);
    }
}
