using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smi.Webhooks.Tls;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>An HTTPS endpoint on 127.0.0.1 that answers reviews with a delegate and counts calls.</summary>
internal sealed class FakeWebhook : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private FakeWebhook(WebApplication app, WebhookCertificate certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public WebhookCertificate Certificate { get; }

    public Uri Url { get; private set; } = new("https://127.0.0.1");

    public int Calls => Volatile.Read(ref _calls);

    public List<JsonObject> Reviews { get; } = [];

    public static async Task<FakeWebhook> StartAsync(Func<JsonObject, Task<JsonObject>> answer)
    {
        var certificate = WebhookCertificates.CreateSelfSigned(["127.0.0.1"]);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate.Certificate)));
        var app = builder.Build();
        var fake = new FakeWebhook(app, certificate);
        app.Run(async context =>
        {
            Interlocked.Increment(ref fake._calls);
            var review = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            lock (fake.Reviews)
            {
                fake.Reviews.Add(review);
            }

            var response = await answer(review);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.ToJsonString());
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Url = new Uri("https://127.0.0.1:" + new Uri(address).Port.ToString(CultureInfo.InvariantCulture));
        return fake;
    }

    public string CaBundle => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Certificate.CaBundlePem));

    public static JsonObject Admission(JsonObject review, bool allowed, string? message = null, int? code = null, params string[] warnings)
    {
        var response = new JsonObject { ["uid"] = review["request"]!["uid"]!.DeepClone(), ["allowed"] = allowed };
        if (message is not null)
        {
            response["status"] = new JsonObject { ["message"] = message, ["code"] = code };
        }

        if (warnings.Length > 0)
        {
            response["warnings"] = new JsonArray([.. warnings.Select(w => (JsonNode)w)]);
        }

        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Certificate.Dispose();
    }
}
