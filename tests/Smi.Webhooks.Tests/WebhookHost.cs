using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smi.Webhooks.Tls;

namespace Smi.Webhooks.Tests;

/// <summary>The webhooks served over HTTPS by Kestrel on 127.0.0.1 and a free port, as a host would serve them.</summary>
internal sealed class WebhookHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookHost(WebApplication app, WebhookCertificate certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public WebhookCertificate Certificate { get; }

    public Uri Url { get; private set; } = new("https://127.0.0.1");

    public static async Task<WebhookHost> StartAsync(WebhookCertificate certificate)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate.Certificate)));
        var app = builder.Build();
        WebhookEndpoints.Map(app);
        var host = new WebhookHost(app, certificate);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.Url = new Uri("https://127.0.0.1:" + new Uri(address).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return host;
    }

    /// <summary>
    /// An HTTPS client for the host that trusts only a serving certificate the host's CA bundle verifies for
    /// <paramref name="dnsName"/>, as the API server does.
    /// </summary>
    public HttpClient CreateVerifiedClient(string dnsName)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is System.Security.Cryptography.X509Certificates.X509Certificate2 served
            && WebhookCertificates.Verifies(Certificate.CaBundlePem, served, dnsName);
        handler.SslOptions.TargetHost = dnsName;
        return new HttpClient(handler) { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificate.Certificate.Dispose();
    }
}
