using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Smi.Controller.Hosting;

/// <summary>
/// <c>/healthz</c> (the process serves), <c>/readyz</c> (every informer has listed) and <c>/metrics</c> (Prometheus
/// text) on a small Kestrel server of their own.
/// </summary>
public sealed class HealthServer : IHostedService, IAsyncDisposable
{
    private readonly ControllerOptions _options;
    private readonly ControllerHostedService _controller;
    private readonly ControllerMetrics _metrics;
    private WebApplication? _app;

    /// <summary>Creates the server.</summary>
    /// <param name="options">The settings (port and address).</param>
    /// <param name="controller">The controller whose readiness it reports.</param>
    /// <param name="metrics">The metrics it exports.</param>
    public HealthServer(ControllerOptions options, ControllerHostedService controller, ControllerMetrics metrics)
    {
        _options = options;
        _controller = controller;
        _metrics = metrics;
    }

    /// <summary>The URL it listens on, once started; empty when the endpoint is off.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.HealthPort <= 0)
        {
            return;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        var address = IPAddress.Parse(_options.HealthAddress);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(address, _options.HealthPort));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = _app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Url = bound ?? string.Empty;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        switch (context.Request.Path.Value)
        {
            case "/healthz" or "/livez":
                await Answer(context, true, "ok").ConfigureAwait(false);
                break;
            case "/readyz":
                var core = _controller.Core;
                var ready = core is not null && core.IsSynced;
                await Answer(context, ready, ready ? "ok" : "informers have not synced").ConfigureAwait(false);
                break;
            case "/metrics":
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await _metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted)
                    .ConfigureAwait(false);
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    private static Task Answer(HttpContext context, bool ok, string text)
    {
        context.Response.StatusCode = ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
