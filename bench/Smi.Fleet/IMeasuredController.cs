namespace Smi.Fleet;

/// <summary>
/// The controller a <see cref="ControllerBench"/> run measures: a <c>ControllerCore</c> in the run's own process
/// (<see cref="InProcessController"/>), or the controller's executable as a child process
/// (<see cref="ExecutableController"/>, <c>--executable</c>).
/// </summary>
public interface IMeasuredController : IAsyncDisposable
{
    /// <summary>The process the controller runs in.</summary>
    int ProcessId { get; }

    /// <summary>What runs the controller, for the report.</summary>
    string Description { get; }

    /// <summary>The passes the controller has run; -1 where they cannot be seen from outside its process.</summary>
    long Passes { get; }

    /// <summary>The controller's last log lines (a child process's, at warnings and above); empty in this process.</summary>
    string Log { get; }

    /// <summary>Whether a resync can be asked for (only of the controller in this process).</summary>
    bool CanResync { get; }

    /// <summary>Starts the controller.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when it is started.</returns>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits until the controller is idle (or the deadline passes) and returns when it became idle, as a
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp.
    /// </summary>
    /// <param name="server">The API server, whose recorded writes tell a child process's activity.</param>
    /// <param name="deadline">The deadline, a stopwatch timestamp.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The timestamp.</returns>
    Task<long> WaitIdleAsync(FleetApiServerProcess server, long deadline, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a change is done. In this process: the controller is idle after a pass that started after the change,
    /// and that pass moved an output or reported the new generation in the split's status. A child process: its
    /// status reports the new generation (its pass reports after it applies).
    /// </summary>
    /// <param name="passesBefore">The passes before the change.</param>
    /// <param name="outputMoved">Whether one of the change's outputs has a new resource version.</param>
    /// <param name="statusReported">Reads whether the split's status reports the new generation.</param>
    /// <returns>Whether the change is done.</returns>
    Task<bool> ChangeDoneAsync(long passesBefore, bool outputMoved, Func<Task<bool>> statusReported);

    /// <summary>Asks for a resync (see <see cref="CanResync"/>).</summary>
    void RequestResync();

    /// <summary>Whether a resync asked for after <paramref name="passesBefore"/> passes is done.</summary>
    /// <param name="passesBefore">The passes when it was asked for.</param>
    /// <returns>Whether it is done.</returns>
    bool ResyncDone(long passesBefore);
}
