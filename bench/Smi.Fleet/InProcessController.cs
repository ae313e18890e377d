using System.Diagnostics;
using Smi.Controller.Reconcile;

namespace Smi.Fleet;

/// <summary>A <see cref="ControllerCore"/> in the run's own process.</summary>
/// <param name="core">The controller.</param>
public sealed class InProcessController(ControllerCore core) : IMeasuredController
{
    /// <inheritdoc/>
    public int ProcessId => Environment.ProcessId;

    /// <inheritdoc/>
    public string Description => "ControllerCore in this process";

    /// <inheritdoc/>
    public long Passes => core.Passes;

    /// <inheritdoc/>
    public string Log => string.Empty;

    /// <inheritdoc/>
    public bool CanResync => true;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken) => core.StartAsync(cancellationToken);

    /// <inheritdoc/>
    public async Task<long> WaitIdleAsync(
        FleetApiServerProcess server, long deadline, CancellationToken cancellationToken)
    {
        var quiet = 0;
        var passes = -1L;
        while (quiet < 4 && Stopwatch.GetTimestamp() < deadline)
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

            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }

        return Stopwatch.GetTimestamp();
    }

    /// <inheritdoc/>
    public async Task<bool> ChangeDoneAsync(long passesBefore, bool outputMoved, Func<Task<bool>> statusReported)
    {
        ArgumentNullException.ThrowIfNull(statusReported);
        return core.Passes > passesBefore && core.IsIdle
            && (outputMoved || await statusReported().ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public void RequestResync() => core.RequestResync();

    /// <inheritdoc/>
    public bool ResyncDone(long passesBefore) => core.Passes > passesBefore && core.IsIdle;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await core.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await core.DisposeAsync().ConfigureAwait(false);
    }
}
