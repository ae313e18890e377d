using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using k8s;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Smi.Controller.Hosting.Security;
using Smi.Metrics;
using Smi.Metrics.Api;
using Smi.Metrics.Inventory;
using Smi.Metrics.Model;
using Smi.Metrics.Prometheus;
using Smi.Metrics.Queries;
using Smi.Webhooks;
using Smi.Webhooks.Tls;

namespace Smi.Controller.Hosting;

/// <summary>
/// The controller host's HTTPS server: the CRD conversion webhook (<c>POST /convert</c>), the validating admission
/// webhook (<c>POST /validate</c>) and the TrafficMetrics API (<c>/apis/metrics.smi-spec.io/…</c>, served behind an
/// <c>APIService</c>). The certificate is the mounted one in <see cref="ControllerTlsOptions.CertificateDirectory"/>,
/// else a generated one whose CA bundle is written into the SMI CRDs, the ValidatingWebhookConfiguration and the
/// metrics APIServices at start.
/// </summary>
/// <remarks>
/// Every TrafficMetrics request is authenticated (<see cref="DelegatedAuthenticator"/>: the front proxy's client
/// certificate and user headers, or a bearer token through a TokenReview; else 401) and authorized with a
/// SubjectAccessReview (<see cref="DelegatedAuthorizer"/>; a denial is 403). Webhook requests are bounded by
/// <see cref="SecureServingOptions"/>: body size (413), time (408) and concurrency (429).
/// </remarks>
public sealed class SecureServer : IHostedService, IAsyncDisposable
{
    /// <summary>The path prefix of the TrafficMetrics API.</summary>
    public const string MetricsPathPrefix = "/apis/" + TrafficMetricsApiVersions.Group;

    private const string WebhookLimiterPolicy = "webhooks";

    private readonly ControllerOptions _options;
    private readonly IKubernetes _client;
    private readonly IResourceDirectory _directory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly int? _listenPort;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private DelegatedAuthenticator? _authenticator;
    private DelegatedAuthorizer? _authorizer;
    private PrometheusClient? _prometheus;
    private TrafficMetricsApi? _metricsApi;
    private string _metricsOffReason = string.Empty;
    private Task _refreshing = Task.CompletedTask;
    private bool _disposed;

    /// <summary>Creates the server.</summary>
    /// <param name="options">The settings: port, address, certificate folder, webhook Service and Prometheus.</param>
    /// <param name="client">The API client, for writing a generated CA bundle.</param>
    /// <param name="directory">The objects the TrafficMetrics API lists.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="listenPort">
    /// Overrides <see cref="ControllerOptions.SecurePort"/>: 0 listens on a free port (tests); <see langword="null"/>
    /// uses the option, where 0 turns the server off.
    /// </param>
    public SecureServer(
        ControllerOptions options, IKubernetes client, IResourceDirectory directory,
        ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, int? listenPort = null)
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

    /// <summary>
    /// The DNS names a generated certificate covers: <c>&lt;service&gt;.&lt;namespace&gt;.svc</c> and its
    /// cluster-domain form.
    /// </summary>
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

        var directory = string.IsNullOrWhiteSpace(_options.Tls.CertificateDirectory)
            ? null
            : _options.Tls.CertificateDirectory;
        Certificate = WebhookCertificates.LoadOrCreate(directory, DnsNames, _time);
        if (Certificate.SelfSigned)
        {
            await WriteCaBundleAsync(Certificate.CaBundlePem, cancellationToken).ConfigureAwait(false);
        }

        CreateMetricsApi();
        var requestHeader = await LoadRequestHeaderAsync(cancellationToken).ConfigureAwait(false);
        var limits = _options.SecureServing;
        _authenticator = new DelegatedAuthenticator(_client, requestHeader, limits.ReviewCacheTtl);
        _authorizer = new DelegatedAuthorizer(_client, limits.ReviewCacheTtl);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        var authenticator = _authenticator;
        builder.Services.AddAuthentication()
            .AddCertificate(o => DelegatedAuthenticator.Configure(o, () => authenticator.RequestHeader));
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddConcurrencyLimiter(WebhookLimiterPolicy, c =>
            {
                c.PermitLimit = limits.MaxConcurrentWebhookRequests;
                c.QueueLimit = limits.WebhookQueueLimit;
                c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
        });
        var address = IPAddress.Parse(_options.SecureAddress);
        var certificate = Certificate.Certificate;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            k.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
            k.Listen(address, port, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,

                // The front proxy presents a client certificate; webhook callers present none. Certificates are checked
                // per request by DelegatedAuthenticator, so the handshake accepts any (or none).
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (_, _, _) => true,
            }));
        });
        _app = builder.Build();
        _app.UseWhen(
            context => context.Request.Path.StartsWithSegments(WebhookEndpoints.ConvertPath, StringComparison.Ordinal)
                || context.Request.Path.StartsWithSegments(WebhookEndpoints.ValidatePath, StringComparison.Ordinal),
            webhooks => webhooks.Use(
                (context, next) => WebhookRequestBounds.ApplyAsync(context, next, limits.WebhookRequestTimeout)));
        _app.UseRateLimiter();
        var webhookGroup = _app.MapGroup(string.Empty);
        WebhookEndpoints.Map(webhookGroup);
        webhookGroup.RequireRateLimiting(WebhookLimiterPolicy);
        _app.Map(MetricsPathPrefix, HandleMetricsAsync);
        _app.Map(MetricsPathPrefix + "/{**rest}", HandleMetricsAsync);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = _app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Url = bound ?? string.Empty;
        Log.SecureServing(_logger, Url, Certificate.SelfSigned, _metricsOffReason.Length == 0);
        _refreshing = RefreshRequestHeaderAsync(_stopping.Token);
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_disposed)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        await _refreshing.ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _refreshing.ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }

        _prometheus?.Dispose();
        _prometheus = null;
        _authenticator?.Dispose();
        _authorizer?.Dispose();
        _stopping.Dispose();
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
            var writer = new CaBundleWriter(_client, _options.Webhooks);
            CaBundleWrittenTo = await writer.WriteAsync(caBundlePem, cancellationToken).ConfigureAwait(false);
            Log.CaBundleWritten(_logger, string.Join(", ", CaBundleWrittenTo));
            if (writer.Forbidden.Count > 0)
            {
                Log.CaBundleForbidden(_logger, string.Join(", ", writer.Forbidden));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The server still starts: the API server refuses its certificate until a bundle that verifies it is in
            // place.
            Log.CaBundleFailed(_logger, e);
        }
    }

    private async Task<RequestHeaderAuthentication> LoadRequestHeaderAsync(CancellationToken cancellationToken)
    {
        try
        {
            var loaded = await RequestHeaderAuthentication.LoadAsync(_client, cancellationToken).ConfigureAwait(false);
            Log.RequestHeaderLoaded(
                _logger,
                loaded.ClientCaPem.Length > 0,
                string.Join(", ", loaded.AllowedNames),
                string.Join(", ", loaded.UsernameHeaders));
            return loaded;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Fail closed: without the front proxy's CA no certificate is trusted; bearer tokens still work.
            Log.RequestHeaderFailed(_logger, e);
            return RequestHeaderAuthentication.None;
        }
    }

    /// <summary>
    /// Reads the front-proxy configuration again every <see cref="SecureServingOptions.RequestHeaderRefreshInterval"/>
    /// until the server stops; a changed one replaces the one in use and evicts the certificate options built from
    /// it. A failed read keeps the configuration in use; a deleted ConfigMap trusts no certificate any more.
    /// </summary>
    private async Task RefreshRequestHeaderAsync(CancellationToken stopping)
    {
        var interval = _options.SecureServing.RequestHeaderRefreshInterval;
        if (interval <= TimeSpan.Zero || _authenticator is not { } authenticator || _app is not { } app)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                RequestHeaderAuthentication loaded;
                try
                {
                    loaded = await RequestHeaderAuthentication.LoadAsync(_client, stopping).ConfigureAwait(false);
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    Log.RequestHeaderRefreshFailed(_logger, e);
                    continue;
                }

                if (authenticator.Update(loaded))
                {
                    app.Services.GetRequiredService<IOptionsMonitorCache<CertificateAuthenticationOptions>>()
                        .TryRemove(CertificateAuthenticationDefaults.AuthenticationScheme);
                    Log.RequestHeaderLoaded(
                        _logger,
                        loaded.ClientCaPem.Length > 0,
                        string.Join(", ", loaded.AllowedNames),
                        string.Join(", ", loaded.UsernameHeaders));
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private void CreateMetricsApi()
    {
        var metrics = _options.Metrics;
        if (string.IsNullOrWhiteSpace(metrics.PrometheusUrl))
        {
            _metricsOffReason =
                "the TrafficMetrics API is not configured: set Controller:Metrics:PrometheusUrl to the Prometheus " +
                "address";
        }
        else if (!Uri.TryCreate(metrics.PrometheusUrl, UriKind.Absolute, out var prometheusUrl))
        {
            _metricsOffReason = $"Controller:Metrics:PrometheusUrl '{metrics.PrometheusUrl}' is not an absolute URL";
        }
        else if (metrics.Queries is null || !MeshMetricsQueries.TryGet(metrics.Queries, out var queries))
        {
            _metricsOffReason = $"the TrafficMetrics API has no queries for mesh '{_options.Mesh}'; "
                + $"it serves {string.Join(", ", MeshMetricsQueries.Names)}";
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
        var anyQueries = MeshMetricsQueries.TryGet(metrics.Queries ?? string.Empty, out var any)
            ? any
            : new IstioMetricsQueries();
        _metricsApi = new TrafficMetricsApi(new TrafficMetricsService(
            new UnconfiguredPrometheusClient(_metricsOffReason), anyQueries, _directory, _time));
    }

    private async Task HandleMetricsAsync(HttpContext context)
    {
        RemoteUser? user;
        try
        {
            user = await _authenticator!.AuthenticateAsync(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            Log.TokenReviewFailed(_logger, e);
            user = null;
        }

        if (user is null)
        {
            await WriteStatusAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "Unauthorized")
                .ConfigureAwait(false);
            return;
        }

        var isWatch = context.Request.Query["watch"] is var watch && (watch == "true" || watch == "1");
        var attributes = RequestAttributes.From(context.Request.Method, context.Request.Path.Value ?? "/", isWatch);
        bool allowed;
        try
        {
            allowed = await _authorizer!.AuthorizeAsync(user, attributes, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            Log.AccessReviewFailed(_logger, e);
            const string failed = "the authorization check failed";
            await WriteStatusAsync(context, StatusCodes.Status500InternalServerError, "InternalError", failed)
                .ConfigureAwait(false);
            return;
        }

        if (!allowed)
        {
            var resource = $"{attributes.Resource}.{TrafficMetricsApiVersions.Group}";
            var message = $"{resource} is forbidden: {attributes.Describe(user.Name)}";
            await WriteStatusAsync(context, StatusCodes.Status403Forbidden, "Forbidden", message).ConfigureAwait(false);
            return;
        }

        var response = await _metricsApi!.HandleAsync(
            context.Request.Method, context.Request.Path.Value + context.Request.QueryString.Value,
            context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteStatusAsync(HttpContext context, int code, string reason, string message)
    {
        var status = new StatusDocument { Code = code, Reason = reason, Message = message };
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(status), context.RequestAborted)
            .ConfigureAwait(false);
    }
}
