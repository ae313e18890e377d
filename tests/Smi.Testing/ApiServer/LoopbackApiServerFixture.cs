using k8s;
using Xunit;

namespace Smi.Testing.ApiServer;

/// <summary>
/// An xunit fixture (<c>IClassFixture</c> or collection fixture) that starts a <see cref="LoopbackApiServer"/> before
/// the tests and stops it after. Override <see cref="CreateOptions"/> to install CRDs or change settings.
/// </summary>
public class LoopbackApiServerFixture : IAsyncLifetime
{
    private LoopbackApiServer? _server;

    /// <summary>The running server.</summary>
    public LoopbackApiServer Server => _server ?? throw new InvalidOperationException("the fixture has not been initialized");

    /// <summary>A client for the running server.</summary>
    public Kubernetes CreateClient(TimeSpan? timeout = null) => Server.CreateClient(timeout);

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await LoopbackApiServer.StartAsync(CreateOptions()).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The server's settings; the defaults unless overridden.</summary>
    protected virtual LoopbackApiServerOptions CreateOptions() => new();
}
