using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Smi.Metrics.Api;

/// <summary>
/// A minimal plain-HTTP host for <see cref="TrafficMetricsApi"/> on <c>127.0.0.1</c>, for tests and local use. The
/// controller host serves the API over HTTPS itself.
/// </summary>
public sealed class TrafficMetricsHttpServer : IAsyncDisposable
{
    private readonly TrafficMetricsApi api;
    private readonly HttpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    private TrafficMetricsHttpServer(TrafficMetricsApi api, HttpListener listener, int port)
    {
        this.api = api;
        this.listener = listener;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where the server listens, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts a server on a free loopback port.</summary>
    /// <param name="api">The API to serve.</param>
    /// <returns>The running server.</returns>
    public static TrafficMetricsHttpServer Start(TrafficMetricsApi api)
    {
        ArgumentNullException.ThrowIfNull(api);
        HttpListenerException? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new TrafficMetricsHttpServer(api, listener, port);
            }
            catch (HttpListenerException ex)
            {
                last = ex;
                listener.Close();
            }
        }

        throw new InvalidOperationException("Could not bind a loopback port for the TrafficMetrics server.", last);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        listener.Close();
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }

        stopping.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException
                or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            var response = await api.HandleAsync(
                context.Request.HttpMethod, context.Request.RawUrl ?? "/", stopping.Token).ConfigureAwait(false);
            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.StatusCode = response.StatusCode;
            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, stopping.Token).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException
            or IOException)
        {
            context.Response.Abort();
        }
    }
}
