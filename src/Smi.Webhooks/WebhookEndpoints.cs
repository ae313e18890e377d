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
    /// object alone when none is registered. A body that is not a review gets 400.
    /// </summary>
    /// <param name="endpoints">The endpoint builder, for example a <c>WebApplication</c>.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var fallback = new SmiAdmissionWebhook();
        endpoints.MapPost(ConvertPath, async context =>
        {
            var review = await ReadAsync<ConversionReview>(context).ConfigureAwait(false);
            if (review is null)
            {
                return;
            }

            await WriteAsync(context, SmiConversionWebhook.Convert(review)).ConfigureAwait(false);
        });
        endpoints.MapPost(ValidatePath, async context =>
        {
            var review = await ReadAsync<AdmissionReview>(context).ConfigureAwait(false);
            if (review is null)
            {
                return;
            }

            var webhook = context.RequestServices.GetService<SmiAdmissionWebhook>() ?? fallback;
            await WriteAsync(context, webhook.Review(review)).ConfigureAwait(false);
        });
        return endpoints;
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            var review = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, ReviewJson.Options, context.RequestAborted).ConfigureAwait(false);
            if (review is not null)
            {
                return review;
            }
        }
        catch (JsonException)
        {
            // Answered below.
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.Response.WriteAsync($"the body is not a {typeof(T).Name} in JSON", context.RequestAborted).ConfigureAwait(false);
        return null;
    }

    private static async Task WriteAsync<T>(HttpContext context, T review)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, review, ReviewJson.Options, context.RequestAborted).ConfigureAwait(false);
    }
}
