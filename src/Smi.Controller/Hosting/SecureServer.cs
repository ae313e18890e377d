using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Smi.Metrics;
using Smi.Metrics.Api;
using Smi.Metrics.Inventory;
using Smi.Metrics.Prometheus;
using Smi.Metrics.Queries;
using Smi.Webhooks;
using Smi.Webhooks.Tls;

namespace Smi.Controller.Hosting;

/// <summary>
/// The controller host's HTTPS server: the CRD conversion webhook (<c>POST /convert</c>), the validating admission
/// webhook (<c>POST /validate</c>) and the TrafficMetrics API (<c>/apis/metrics.smi-spec.io/…</c>, served behind an
/// <c>APIService</c>). The certificate is the mounted one in <see cref="ControllerTlsOptions.CertificateDirectory"/>,
/// else a generated one whose CA bundle is written into the SMI CRDs and the ValidatingWebhookConfiguration at start.
/// </summary>
public sealed class SecureServer : IHostedService, IAsyncDisposable
{
    /// <summary>The path prefix of the TrafficMetrics API.</summary>
    public const string MetricsPathPrefix = "/apis/" + TrafficMetricsApiVersions.Group;

    private readonly ControllerOptions _options;
    private readonly IKubernetes _client;
    private readonly IResourceDirectory _directory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly int? _listenPort;
    private WebApplication? _app;
    private PrometheusClient? _prometheus;
    private TrafficMetricsApi? _metricsApi;
    private string _metricsOffReason = string.Empty;

    /// <summary>Creates the server.</summary>
    /// <param name="options">The settings: port, address, certificate folder, webhook Service and Prometheus.</param>
    /// <param name="client">The API client, for writing a generated CA bundle.</param>
    /// <param name="directory">The objects the TrafficMetrics API lists.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="listenPort">
    /// Overrides <see cref="ControllerOptions.SecurePort"/>: 0 listens on a free port (tests); <see langword="null"/> uses
    /// the option, where 0 turns the server off.
    /// </param>
    public SecureServer(ControllerOptions options, IKubernetes client, IResourceDirectory directory, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, int? listenPort = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(directory);
        _options = options;
        _client = client;
        _directory = directory;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Smi.Controller.SecureServer");
        _time = timeProvider ?? TimeProvider.System;
        _listenPort = listenPort;
    }

    /// <summary>The URL it listens on, once started; empty when the server is off.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>The serving certificate and its CA bundle, once started.</summary>
    public WebhookCertificate? Certificate { get; private set; }

    /// <summary>The objects a generated CA bundle was written into at start; empty for a mounted certificate.</summary>
    public IReadOnlyList<string> CaBundleWrittenTo { get; private set; } = [];

    /// <summary>
    /// Why the TrafficMetrics API answers 503 (with this reason) to every metrics request, or empty when Prometheus is
    /// configured. Discovery is served either way.
    /// </summary>
    public string MetricsOffReason => _metricsOffReason;

    /// <summary>The DNS names a generated certificate covers: <c>&lt;service&gt;.&lt;namespace&gt;.svc</c> and its cluster-domain form.</summary>
    public IReadOnlyList<string> DnsNames =>
        [_options.Webhooks.ServiceDnsName, $"{_options.Webhooks.ServiceDnsName}.{_options.ClusterDomain}"];

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var port = _listenPort ?? _options.SecurePort;
        if (_listenPort is null && port <= 0)
        {
            return;
        }

        var directory = string.IsNullOrWhiteSpace(_options.Tls.CertificateDirectory) ? null : _options.Tls.CertificateDirectory;
        Certificate = WebhookCertificates.LoadOrCreate(directory, DnsNames, _time);
        if (Certificate.SelfSigned)
        {
            await WriteCaBundleAsync(Certificate.CaBundlePem, cancellationToken).ConfigureAwait(false);
        }

        CreateMetricsApi();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        var address = IPAddress.Parse(_options.SecureAddress);
        var certificate = Certificate.Certificate;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(address, port, listen => listen.UseHttps(certificate)));
        _app = builder.Build();
        WebhookEndpoints.Map(_app);
        _app.Map(MetricsPathPrefix, HandleMetricsAsync);
        _app.Map(MetricsPathPrefix + "/{**rest}", HandleMetricsAsync);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Url = bound ?? string.Empty;
        Log.SecureServing(_logger, Url, Certificate.SelfSigned, _metricsOffReason.Length == 0);
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
            _app = null;
        }

        _prometheus?.Dispose();
        _prometheus = null;
        Certificate?.Certificate.Dispose();
    }

    private async Task WriteCaBundleAsync(string caBundlePem, CancellationToken cancellationToken)
    {
        if (_options.LeaderElection.Enabled)
        {
            // Each replica generates a CA of its own and the last writer wins: the API server then rejects the others.
            Log.GeneratedCertificateWithReplicas(_logger, _options.Tls.CertificateDirectory ?? string.Empty);
        }

        try
        {
            CaBundleWrittenTo = await new CaBundleWriter(_client, _options.Webhooks).WriteAsync(caBundlePem, cancellationToken).ConfigureAwait(false);
            Log.CaBundleWritten(_logger, string.Join(", ", CaBundleWrittenTo));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The server still starts: the API server refuses its certificate until a bundle that verifies it is in place.
            Log.CaBundleFailed(_logger, e);
        }
    }

    private void CreateMetricsApi()
    {
        var metrics = _options.Metrics;
        if (string.IsNullOrWhiteSpace(metrics.PrometheusUrl))
        {
            _metricsOffReason = "the TrafficMetrics API is not configured: set Controller:Metrics:PrometheusUrl to the Prometheus address";
        }
        else if (!Uri.TryCreate(metrics.PrometheusUrl, UriKind.Absolute, out var prometheusUrl))
        {
            _metricsOffReason = $"Controller:Metrics:PrometheusUrl '{metrics.PrometheusUrl}' is not an absolute URL";
        }
        else if (!MeshMetricsQueries.TryGet(_options.Mesh, out var queries))
        {
            _metricsOffReason = $"the TrafficMetrics API has no queries for mesh '{_options.Mesh}'; it serves {string.Join(", ", MeshMetricsQueries.Names)}";
        }
        else
        {
            _prometheus = new PrometheusClient(new PrometheusClientOptions
            {
                BaseAddress = prometheusUrl,
                BearerToken = string.IsNullOrEmpty(metrics.BearerToken) ? null : metrics.BearerToken,
                Timeout = metrics.Timeout,
            });
            var windows = new TrafficMetricsOptions { ScrapeInterval = metrics.ScrapeInterval };
            var service = new TrafficMetricsService(_prometheus, queries, _directory, _time, windows);
            _metricsApi = new TrafficMetricsApi(service);
            return;
        }

        Log.MetricsApiOff(_logger, _metricsOffReason);
        _metricsApi = new TrafficMetricsApi(new TrafficMetricsService(new UnconfiguredPrometheusClient(_metricsOffReason), MeshMetricsQueries.TryGet(_options.Mesh, out var any) ? any : new IstioMetricsQueries(), _directory, _time));
    }

    private async Task HandleMetricsAsync(HttpContext context)
    {
        var response = await _metricsApi!.HandleAsync(context.Request.Method, context.Request.Path.Value + context.Request.QueryString.Value, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
