using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smi.Abstractions.Adapters;
using Smi.Abstractions;
using Smi.Abstractions.Crds;
using Smi.Abstractions.Translation;
using Smi.Adapters.Istio;
using Smi.Controller.Reconcile;
using Smi.Kube;
using Smi.Testing;
using Smi.Testing.ApiServer;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// A loopback API server with the SMI CRDs (generated, with status) and Istio's CRDs installed, RBAC enforced, and
/// controllers for the Istio adapter started against it. Each controller authenticates as the ServiceAccount
/// <c>smi install</c> creates for its mesh, with exactly the Roles, ClusterRoles and bindings the install ships
/// (<see cref="InstalledRbac"/>); the test's own <see cref="Client"/> and <see cref="Apply"/> act as a cluster admin
/// to seed state.
/// </summary>
internal sealed class ControllerHarness : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly List<(ControllerCore Core, Kubernetes Client)> _controllers = [];

    private ControllerHarness(LoopbackApiServer server, ITestOutputHelper output)
    {
        Server = server;
        _output = output;
        Client = server.CreateClient(TimeSpan.FromSeconds(10));
    }

    public LoopbackApiServer Server { get; }

    /// <summary>The test's own client, for reads and deletes.</summary>
    public Kubernetes Client { get; }

    /// <summary>Starts the server with the SMI CRDs and Istio's, or every mesh's.</summary>
    /// <param name="output">The test's output.</param>
    /// <param name="watchHistoryLimit">The server's watch history.</param>
    /// <param name="allMeshes">Whether to install every mesh's CRDs (Gateway API's standard channel).</param>
    /// <param name="experimentalGatewayApi">Whether to add Gateway API's experimental channel (TCPRoute).</param>
    public static async Task<ControllerHarness> StartAsync(
        ITestOutputHelper output,
        int watchHistoryLimit = 1000,
        bool allMeshes = false,
        bool experimentalGatewayApi = false)
    {
        var crds = RepositoryPaths.Crds;
        string[] experimental = experimentalGatewayApi
            ? [Path.Combine(crds, "gateway-api", "v1.2.1", "experimental")]
            : [];

        var server = await LoopbackApiServer.StartAsync(new LoopbackApiServerOptions
        {
            Namespaces = ["default", "kube-system", InstalledRbac.Namespace, "shop", "monitoring"],
            CrdPaths = allMeshes
                ?
                [
                    .. Directory.GetFiles(Path.Combine(crds, "istio"), "*.*.yaml"),
                    .. Directory.GetFiles(Path.Combine(crds, "linkerd"), "*.yaml"),
                    .. Directory.GetFiles(Path.Combine(crds, "consul"), "*.yaml"),
                    Path.Combine(crds, "gateway-api", "v1.2.1", "standard"),
                    .. experimental,
                ]
                : [Path.Combine(crds, "istio", "virtualservices.networking.istio.io.yaml"), Path.Combine(crds, "istio", "authorizationpolicies.security.istio.io.yaml"), Path.Combine(crds, "istio", "destinationrules.networking.istio.io.yaml")],
            WatchHistoryLimit = watchHistoryLimit,
            BookmarkInterval = TimeSpan.FromMilliseconds(500),
        });
        foreach (var crd in SmiCrdGenerator.Generate())
        {
            server.Seed(crd);
        }

        return new ControllerHarness(server, output);
    }

    /// <summary>The four shipped adapters, as the controller registers them.</summary>
    public static MeshAdapterCatalog Adapters { get; } = new ServiceCollection().AddSmi()
        .AddIstio().AddLinkerd().AddConsul().AddGatewayApi()
        .Services.BuildServiceProvider().GetRequiredService<MeshAdapterCatalog>();

    /// <summary>The output kinds the controller host fills in for a mesh's adapter.</summary>
    public static List<ResourceKind> OutputKinds(string mesh, string? accessControl = null) =>
        [.. ResourceKinds.OutputsOf(Adapters, mesh, accessControl)];

    public static IMeshTranslator Istio(IstioApiVersion version = IstioApiVersion.V1) =>
        new ServiceCollection().AddSmi().AddIstio(o => o.ApiVersion = version).Services.BuildServiceProvider().GetRequiredService<MeshTranslatorCatalog>().Find("istio")!;

    /// <summary>The translator of a mesh, with every adapter registered.</summary>
    /// <param name="mesh">istio, linkerd, consul or gateway-api.</param>
    /// <param name="configure">The options shared by every adapter, if not the defaults.</param>
    public static IMeshTranslator Translator(string mesh, Action<TranslationOptions>? configure = null) =>
        new ServiceCollection().AddSmi(configure).AddIstio().AddLinkerd().AddConsul().AddGatewayApi()
            .Services.BuildServiceProvider().GetRequiredService<MeshTranslatorCatalog>().Find(mesh)!;

    /// <summary>The outputs the translator makes of the test-data cases offline.</summary>
    /// <param name="translator">The translator.</param>
    /// <param name="cases">Folders of tests/testdata.</param>
    public static List<ResourceRef> ExpectedOutputs(IMeshTranslator translator, params string[] cases) =>
        [.. cases
            .SelectMany(c => translator.Translate(GoldenTranslation.LoadSnapshot(c)).Resources)
            .Select(r => r.Ref)
            .Distinct()];

    public static ControllerOptions TestOptions() => new()
    {
        Mesh = "istio",
        HealthPort = 0,
        Debounce = TimeSpan.FromMilliseconds(30),
        ResyncPeriod = TimeSpan.Zero,
        RequestTimeout = TimeSpan.FromSeconds(2),
        WatchTimeout = TimeSpan.FromSeconds(10),
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        MaxRetries = 3,
        MaxQueueBackoff = TimeSpan.FromSeconds(2),
        Metrics = { Queries = "istio" },
    };

    /// <summary>Starts a controller and waits for its first pass over the synced cache.</summary>
    /// <param name="configure">Changes to the test options.</param>
    /// <param name="name">The identity.</param>
    /// <param name="waitIdle">Whether to wait for the first pass.</param>
    /// <param name="translator">The translator; Istio when null.</param>
    /// <param name="requests">Records the controller's requests as its client sends them.</param>
    /// <param name="rbac">The installed RBAC to run with; the shipped one of the translator's mesh when null.</param>
    /// <param name="logs">Also receives the controller's log lines.</param>
    public async Task<ControllerCore> StartControllerAsync(
        Action<ControllerOptions>? configure = null,
        string name = "controller",
        bool waitIdle = true,
        IMeshTranslator? translator = null,
        ClientRequestLog? requests = null,
        InstalledRbac? rbac = null,
        ILoggerProvider? logs = null)
    {
        var options = TestOptions();
        options.Identity = name;
        configure?.Invoke(options);
        translator ??= Istio();
        if (options.OutputKinds.Count == 0)
        {
            options.OutputKinds = OutputKinds(translator.Mesh);
        }

        var token = InstallRbac(rbac ?? InstalledRbac.For(translator.Mesh));
        var configuration = new KubernetesClientConfiguration
        {
            Host = Server.Url,
            AccessToken = token,
            HttpClientTimeout = TimeSpan.FromSeconds(5),
        };
        var client = requests is null ? new Kubernetes(configuration) : new Kubernetes(configuration, requests);
        var loggers = LoggerFactory.Create(b =>
        {
            b.AddProvider(new TestLoggerProvider(_output, name)).SetMinimumLevel(LogLevel.Information);
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        var core = new ControllerCore(client, translator, options, loggers);
        _controllers.Add((core, client));
        await core.StartAsync(CancellationToken.None);
        if (waitIdle)
        {
            await WaitIdleAsync(core);
        }

        return core;
    }

    /// <summary>Stores the RBAC objects (replacing earlier ones) and returns a token of their ServiceAccount.</summary>
    /// <param name="rbac">The installed RBAC.</param>
    public string InstallRbac(InstalledRbac rbac) => rbac.InstallInto(Server);

    public async Task StopAsync(ControllerCore core)
    {
        await core.StopAsync(CancellationToken.None);
    }

    /// <summary>Waits until the controller is idle and stays idle, with no pass in between, over several polls.</summary>
    public static async Task WaitIdleAsync(ControllerCore core, TimeSpan? timeout = null)
    {
        var quiet = 0;
        var passes = -1L;
        await Eventually.HoldsAsync(
            () =>
            {
                if (core.IsIdle && core.Passes == passes)
                {
                    quiet++;
                }
                else
                {
                    quiet = 0;
                    passes = core.Passes;
                }

                return quiet >= 4;
            },
            "the controller is idle",
            timeout);
    }

    /// <summary>
    /// Makes the next watch of a resource send nothing, not even bookmarks, until the controller takes it for dead
    /// (after its watch timeout and request timeout), cuts the open watches so it is opened, and waits until it is.
    /// </summary>
    /// <param name="plural">The resource, as the watch's path ends (<c>trafficsplits</c>).</param>
    public async Task StallWatchAsync(string plural)
    {
        var path = "/" + plural;
        Server.Faults.StallNext(r => r.IsWatch && r.Path.EndsWith(path, StringComparison.Ordinal));
        Server.Faults.CutWatches();
        await Eventually.HoldsAsync(
            () => Server.Requests.Any(r => r.Fault && r.IsWatch && r.Path.EndsWith(path, StringComparison.Ordinal)),
            $"the {plural} watch is open and stalled");
    }

    /// <summary>Creates or replaces objects directly in the server, as another client would.</summary>
    public void Apply(string yaml)
    {
        foreach (var document in Yaml.Documents(yaml))
        {
            Server.Seed(document);
        }
    }

    public void ApplyFile(string caseName) => Apply(File.ReadAllText(Path.Combine(RepositoryPaths.TestData, caseName, "input.yaml")));

    public JsonObject? VirtualService(string ns, string name) => Server.Find("networking.istio.io/v1", "virtualservices", ns, name);

    public JsonObject? AuthorizationPolicy(string ns, string name) => Server.Find("security.istio.io/v1", "authorizationpolicies", ns, name);

    public JsonObject? Smi(string apiVersion, string plural, string ns, string name) => Server.Find(apiVersion, plural, ns, name);

    /// <summary>The stored output a translator's reference names, of any mesh's output kind; null if
    /// missing.</summary>
    public JsonObject? Output(ResourceRef reference)
    {
        var kind = Adapters.All.SelectMany(a => a.OutputKinds)
            .First(k => k.Group == reference.Group && k.Kind == reference.Kind);
        return Server.Find(reference.ApiVersion, kind.Plural, reference.Namespace, reference.Name);
    }

    public async Task DeleteSmiAsync(string group, string version, string plural, string ns, string name) =>
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(group, version, ns, plural, name);

    public async Task<IList<Corev1Event>> EventsAsync(string ns, string involvedName) =>
        [.. (await Client.CoreV1.ListNamespacedEventAsync(ns)).Items.Where(e => e.InvolvedObject?.Name == involvedName)];

    /// <summary>The condition of an SMI object's status, as (status, reason).</summary>
    public (string? Status, string? Reason) Condition(JsonObject? obj, string type)
    {
        var conditions = obj?["status"]?["conditions"] as JsonArray;
        var condition = conditions?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
        return ((string?)condition?["status"], (string?)condition?["reason"]);
    }

    /// <summary>The weights of a VirtualService's first route, by destination host.</summary>
    public static Dictionary<string, long> Weights(JsonObject? virtualService)
    {
        var routes = virtualService?["spec"]?["http"]?.AsArray().OfType<JsonObject>().LastOrDefault()?["route"]?.AsArray() ?? [];
        return routes.OfType<JsonObject>().ToDictionary(r => (string)r["destination"]!["host"]!, r => r["weight"] is { } w ? (long)w : 100);
    }

    public async ValueTask DisposeAsync()
    {
        // Shown with a failed test's output: what each controller held and did when the test ended.
        _output.WriteLine($"server at resource version {Server.ResourceVersion}");
        foreach (var (core, _) in _controllers)
        {
            _output.WriteLine($"controller {core.Identity} at the end:{Environment.NewLine}{core.DescribeState()}");
        }

        foreach (var (core, client) in _controllers)
        {
            await core.DisposeAsync();
            client.Dispose();
        }

        Client.Dispose();
        await Server.DisposeAsync();
    }
}
