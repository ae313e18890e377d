using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;

namespace Smi.Controller.Reconcile;

/// <summary>Leader election on a Lease: only the leader writes; followers keep their caches warm.</summary>
public sealed partial class ControllerCore
{
    /// <summary>The Lease name for a mesh when none is configured.</summary>
    /// <param name="mesh">The mesh.</param>
    /// <returns><c>smi-adapter-&lt;mesh&gt;</c>.</returns>
    public static string DefaultLeaseName(string mesh) => $"smi-adapter-{mesh}";

    private async Task RunLeaderElectionAsync(CancellationToken cancellationToken)
    {
        var settings = _options.LeaderElection;
        var ns = settings.LeaseNamespace ?? Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "default";
        var name = settings.LeaseName ?? DefaultLeaseName(_translator.Mesh);
        var leaseLock = new LeaseLock(_api.Client, ns, name, Identity);
        var config = new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = settings.LeaseDuration,
            RenewDeadline = settings.RenewDeadline,
            RetryPeriod = settings.RetryPeriod,
        };
        while (!cancellationToken.IsCancellationRequested)
        {
            using var elector = new LeaderElector(config);
            elector.OnStartedLeading += () =>
            {
                Log.BecameLeader(_logger, Identity);
                SetLeader(true);
            };
            elector.OnStoppedLeading += () =>
            {
                Log.LostLeadership(_logger, Identity);
                SetLeader(false);
            };
            elector.OnNewLeader += leader => Log.NewLeader(_logger, leader);
            try
            {
                await elector.RunAndTryToHoldLeadershipForeverAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                SetLeader(false);
                Log.LeaderElectionFailed(_logger, e);
                try
                {
                    await Task.Delay(settings.RetryPeriod, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        SetLeader(false);
    }
}
