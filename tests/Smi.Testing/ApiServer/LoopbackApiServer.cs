using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smi.Testing.ApiServer.Auth;

namespace Smi.Testing.ApiServer;

/// <summary>
/// A Kubernetes API server on a free loopback port for tests: discovery, CRUD, list and watch with resource versions,
/// server-side apply, status subresources, label and field selectors, owner-reference garbage collection, validation of
/// custom objects, conversion and admission webhooks, TokenReview and SubjectAccessReview, aggregated APIs proxied with
/// front-proxy credentials, fault injection and request recording. Talk to it with KubernetesClient via
/// <see cref="CreateClient(TimeSpan?)"/>.
/// </summary>
public sealed class LoopbackApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LoopbackApiServerOptions _options;
    private readonly ObjectStore _store;
    private readonly ResourceRegistry _registry;
    private readonly ApiRequestHandler _handler;
    private readonly RequestLog _log = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _collector;
    private int _disposed;

    /// <summary>
    /// The fewest thread-pool threads the process keeps ready. The server calls admission and conversion webhooks
    /// synchronously from a request thread, and in tests the webhook host runs in the same process; with the
    /// default minimum (one thread per core) a loaded machine starves the pool, and a webhook answer then waits
    /// for the pool to grow (about one thread per half second), which kube-apiserver, a Go server, never does.
    /// </summary>
    private const int MinimumPoolThreads = 64;

    private LoopbackApiServer(LoopbackApiServerOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.WatchHistoryLimit);
        if (!options.EnforceRbac && string.IsNullOrWhiteSpace(options.RbacOffReason))
        {
            throw new ArgumentException(
                "EnforceRbac is off without a reason: set RbacOffReason to say why the test needs anonymous access",
                nameof(options));
        }

        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, MinimumPoolThreads), Math.Max(completionPorts, MinimumPoolThreads));
        _options = options;
        _store = new ObjectStore(options.WatchHistoryLimit, options.TimeProvider);
        _registry = new ResourceRegistry();
        var collector = new GarbageCollector(_store);
        _handler = new ApiRequestHandler(_store, _registry, collector, Faults, _log, options, _stopping.Token)
        {
            FrontProxy = FrontProxy,
            Delays = Delays,
        };
        _collector = Task.Run(() => collector.RunAsync(_stopping.Token));

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        _app = builder.Build();
        _app.Run(_handler.HandleAsync);
    }

    /// <summary>The token of a member of <c>system:masters</c> (allowed everything), for test setup.</summary>
    public const string AdminToken = "loopback-admin-token";

    /// <summary>The user <see cref="AdminToken"/> stands for.</summary>
    public const string AdminUser = "loopback-admin";

    /// <summary>The base URL, <c>http://127.0.0.1:&lt;port&gt;</c>: use it as <c>KubernetesClientConfiguration.Host</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>
    /// The front proxy's CA and client certificate: published in <c>kube-system/extension-apiserver-authentication</c>
    /// and presented when a request is proxied to an APIService.
    /// </summary>
    public FrontProxyCredentials FrontProxy { get; } = FrontProxyCredentials.Create();

    /// <summary>Faults to inject into coming requests.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>Delays of coming requests, to make a client's work take long.</summary>
    public RequestDelays Delays { get; } = new();

    /// <summary>
    /// The <c>x-kubernetes-validations</c> rules met so far that the CEL library could not evaluate: they were neither
    /// passed nor failed, and each request that met one got a <c>Warning</c> header naming it.
    /// </summary>
    public IReadOnlyList<Schema.UnevaluatedCelRule> UnevaluatedCelRules => _handler.UnevaluatedCelRules;

    /// <summary>Every request answered so far (including injected faults; a hung request has status 0).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>The answered requests that change state: POST, PUT, PATCH and DELETE.</summary>
    public IReadOnlyList<RecordedRequest> Writes => [.. _log.Snapshot().Where(r => r.IsWrite)];

    /// <summary>The newest resource version (one counter for all objects).</summary>
    public long ResourceVersion => _store.ResourceVersion;

    /// <summary>
    /// Compacts the change history through the newest resource version, as etcd's periodic compaction does: a list
    /// continued with a token from before is 410 Expired, and a watch from an older version gets 410 Gone.
    /// </summary>
    public void Compact() => _store.Compact();

    /// <summary>
    /// Called before a list request with a continue token is answered, outside the store's lock: a test can change
    /// objects or <see cref="Compact"/> between the pages of a list.
    /// </summary>
    public Action<ContinuedListRequest>? ContinuedList
    {
        get => _handler.ContinuedList;
        set => _handler.ContinuedList = value;
    }

    /// <summary>The custom-object checker: the CRD schema checker by default; tests may swap it.</summary>
    internal ICustomResourceValidator Validator
    {
        get => _handler.Validator;
        set => _handler.Validator = value ?? CrdSchemaValidator.Instance;
    }

    /// <summary>Starts a server on 127.0.0.1 and a free port, with the options' namespaces and CRDs in place.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<LoopbackApiServer> StartAsync(LoopbackApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LoopbackApiServerOptions();
        var server = new LoopbackApiServer(options);
        try
        {
            await server._app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var port = new Uri(address).Port;
            server.Url = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
            server._handler.ServerAddress = "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
            foreach (var ns in options.Namespaces)
            {
                server.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
            }

            if (options.EnforceRbac)
            {
                options.Tokens[AdminToken] = new TokenUser(AdminUser, [RbacAuthorizer.MastersGroup]);
                foreach (var policy in BootstrapPolicy.Objects(options.Namespaces.Contains("kube-system")))
                {
                    server.Seed(policy);
                }
            }

            if (options.PublishFrontProxyAuthentication && options.Namespaces.Contains("kube-system"))
            {
                server.Seed(server.FrontProxy.ConfigMap());
            }

            if (options.CrdPaths.Count > 0)
            {
                server.InstallCrds([.. options.CrdPaths]);
            }

            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Installs the CustomResourceDefinitions in the files and folders (recursively; multi-document YAML; files that do
    /// not parse are skipped), as if each were created through the API. Returns how many were installed.
    /// </summary>
    /// <param name="paths">Files or folders.</param>
    public int InstallCrds(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var count = 0;
        foreach (var crd in CrdLoader.Load(paths))
        {
            Seed(crd);
            count++;
        }

        return count;
    }

    /// <summary>
    /// Creates or replaces an object directly (no request is recorded, no fault applies), e.g. a CRD or a fixture object.
    /// Its apiVersion, kind and metadata.name must be set; returns the stored object.
    /// </summary>
    /// <param name="obj">The object.</param>
    public JsonObject Seed(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return _handler.Seed((JsonObject)obj.DeepClone());
    }

    /// <summary>
    /// Fills into <paramref name="obj"/> the defaults of its CRD's structural schema, in place, as a write of it would:
    /// to compare an object with what the server stores of it. Built-in kinds and resources the server does not serve
    /// are left as they are.
    /// </summary>
    /// <param name="apiVersion">e.g. <c>gateway.networking.k8s.io/v1</c>.</param>
    /// <param name="plural">The plural resource name.</param>
    /// <param name="obj">The object (at least its <c>spec</c>).</param>
    public void ApplyDefaults(string apiVersion, string plural, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        ArgumentNullException.ThrowIfNull(obj);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0
            ? (string.Empty, apiVersion)
            : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        if (_registry.Find(group, version, plural)?.Crd?.Versions.FirstOrDefault(v => v.Name == version)?.Schema
            is { } schema)
        {
            Schema.StructuralDefaulting.Apply(schema, obj);
        }
    }

    /// <summary>The stored object, or null (for assertions without a client).</summary>
    /// <param name="apiVersion">e.g. <c>v1</c> or <c>split.smi-spec.io/v1alpha4</c>.</param>
    /// <param name="plural">The plural resource name.</param>
    /// <param name="ns">The namespace; null for cluster-scoped objects.</param>
    /// <param name="name">The name.</param>
    public JsonObject? Find(string apiVersion, string plural, string? ns, string name) =>
        Read(apiVersion, plural, ns, name, stored => stored?.DeepClone() as JsonObject);

    /// <summary>
    /// Reads the stored object (null when there is none) under the store's lock, without copying it: for looks that
    /// come often and need a part of it. <paramref name="read"/> must neither change the object nor keep any of it.
    /// </summary>
    /// <typeparam name="T">What is read.</typeparam>
    /// <param name="apiVersion">e.g. <c>v1</c> or <c>split.smi-spec.io/v1alpha4</c>.</param>
    /// <param name="plural">The plural resource name.</param>
    /// <param name="ns">The namespace; null for cluster-scoped objects.</param>
    /// <param name="name">The name.</param>
    /// <param name="read">Reads the stored object.</param>
    /// <returns>What <paramref name="read"/> returned.</returns>
    public T Read<T>(string apiVersion, string plural, string? ns, string name, Func<JsonObject?, T> read)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        ArgumentNullException.ThrowIfNull(read);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        lock (_store.Gate)
        {
            return read(_store.Find(new ObjectKey(group + "/" + plural, ns ?? string.Empty, name))?.Object);
        }
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests() => _log.Clear();

    /// <summary>
    /// A KubernetesClient for this server; with <see cref="LoopbackApiServerOptions.EnforceRbac"/> it authenticates
    /// with <see cref="AdminToken"/>.
    /// </summary>
    /// <param name="timeout">The HTTP timeout; default 30 seconds.</param>
    public Kubernetes CreateClient(TimeSpan? timeout = null) =>
        _options.EnforceRbac
            ? CreateClient(AdminToken, timeout)
            : new(new KubernetesClientConfiguration
            {
                Host = Url,
                HttpClientTimeout = timeout ?? TimeSpan.FromSeconds(30),
            });

    /// <summary>A KubernetesClient for this server that authenticates with a bearer token.</summary>
    /// <param name="token">The bearer token, for example from <see cref="IssueToken"/>.</param>
    /// <param name="timeout">The HTTP timeout; default 30 seconds.</param>
    public Kubernetes CreateClient(string token, TimeSpan? timeout = null) =>
        new(new KubernetesClientConfiguration
        {
            Host = Url,
            AccessToken = token,
            HttpClientTimeout = timeout ?? TimeSpan.FromSeconds(30),
        });

    /// <summary>
    /// A plain HTTP client whose base address is <see cref="Url"/>; it sends <see cref="AdminToken"/> when
    /// <see cref="LoopbackApiServerOptions.EnforceRbac"/> is on, or the token given.
    /// </summary>
    /// <param name="token">The bearer token; the admin's when null.</param>
    /// <param name="timeout">The HTTP timeout; default 30 seconds.</param>
    public HttpClient CreateHttpClient(string? token = null, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        token ??= _options.EnforceRbac ? AdminToken : null;
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return http;
    }

    /// <summary>Registers a new bearer token for the user and returns it.</summary>
    /// <param name="user">The user, for example <see cref="TokenUser.ServiceAccount"/>.</param>
    public string IssueToken(TokenUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = "loopback-" + Guid.NewGuid().ToString("N");
        _options.Tokens[token] = user;
        return token;
    }

    /// <summary>Stops the server: closes watches, releases held requests and frees the port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        Faults.Dispose();
        _handler.DisposeWebhooks();
        _handler.DisposeProxies();
        _store.CloseAll();
        using (var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(shutdown.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Connections that did not close in time are dropped.
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        await _collector.ConfigureAwait(false);
        _stopping.Dispose();
        FrontProxy.Dispose();
    }
}
