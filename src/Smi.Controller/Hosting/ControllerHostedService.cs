using k8s;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Smi.Abstractions.Translation;
using Smi.Controller.Cache;
using Smi.Controller.Reconcile;

namespace Smi.Controller.Hosting;

/// <summary>Runs one <see cref="ControllerCore"/> for the configured mesh for the life of the host.</summary>
public sealed class ControllerHostedService : IHostedService, IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly MeshTranslatorCatalog _catalog;
    private readonly ControllerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;
    private readonly ControllerMetrics _metrics;
    private readonly InformerCache _cache;

    /// <summary>Creates the service.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="catalog">The registered translators.</param>
    /// <param name="options">The settings.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="time">The clock.</param>
    /// <param name="metrics">The metrics.</param>
    public ControllerHostedService(
        IKubernetes client, MeshTranslatorCatalog catalog, ControllerOptions options, ILoggerFactory loggerFactory,
        TimeProvider time, ControllerMetrics metrics)
    {
        _client = client;
        _catalog = catalog;
        _options = options;
        _loggerFactory = loggerFactory;
        _time = time;
        _metrics = metrics;
        _cache = new InformerCache(options);
    }

    /// <summary>
    /// The controller's informer cache, read-only: there from the start (empty until the controller has started), so
    /// the servers of the host are handed it rather than the controller.
    /// </summary>
    internal IClusterCache Cache => _cache;

    /// <summary>The running controller, once started.</summary>
    public ControllerCore? Core { get; private set; }

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var translator = _catalog.Find(_options.Mesh)
            ?? throw new InvalidOperationException(
                $"Controller:Mesh is '{_options.Mesh}', which is not a registered mesh; use one of: " +
                $"{string.Join(", ", _catalog.Meshes)}");
        Core = new ControllerCore(_client, translator, _options, _loggerFactory, _time, _metrics, _cache);
        await Core.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Core is not null)
        {
            await Core.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Core is not null)
        {
            await Core.DisposeAsync().ConfigureAwait(false);
        }
    }
}
