using System.Net;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;

namespace Smi.Controller.Reconcile;

/// <summary>
/// Leader election on a Lease: only the leader writes; followers keep their caches warm. Leadership ends, and every
/// write in flight with it, when a renewal finds another holder or the renew deadline passes. On a graceful stop the
/// leader releases the Lease once it has stopped writing, as client-go's <c>ReleaseOnCancel</c> does, so that a
/// follower leads at its next retry instead of after the lease duration.
/// </summary>
public sealed partial class ControllerCore
{
    /// <summary>The Lease name for a mesh when none is configured.</summary>
    /// <param name="mesh">The mesh.</param>
    /// <returns><c>smi-adapter-&lt;mesh&gt;</c>.</returns>
    public static string DefaultLeaseName(string mesh) => $"smi-adapter-{mesh}";

    private async Task RunLeaderElectionAsync(CancellationToken cancellationToken)
    {
        var settings = _options.LeaderElection;
        var (ns, name) = LeaseLocation();
        var leaseLock = new LeaseLock(_api.Client, ns, name, Identity);
        while (!cancellationToken.IsCancellationRequested)
        {
            // One elector per attempt to lead: a renewal that finds another holder ends the attempt at once (and
            // with it every write of this term), and the next elector competes for the Lease afresh.
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var observed = new ObservedLeaseLock(
                leaseLock,
                holder =>
                {
                    if (_leader)
                    {
                        Log.LeaseTakenOver(_logger, Identity, holder);
                        SetLeader(false);
                        attempt.Cancel();
                    }
                },
                () => Log.LeaseCreateRefused(_logger, ns, name));
            var config = new LeaderElectionConfig(observed)
            {
                LeaseDuration = settings.LeaseDuration,
                RenewDeadline = settings.RenewDeadline,
                RetryPeriod = settings.RetryPeriod,
            };
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

            // The elector swallows the errors of its Lease requests and only retries: a missing permission on the
            // Lease would otherwise leave the instance a silent follower forever.
            elector.OnError += e =>
            {
                if (e is HttpOperationException
                    {
                        Response.StatusCode: HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized,
                    } refused)
                {
                    Log.LeasePermissionMissing(_logger, ns, name, (int)refused.Response.StatusCode, e);
                }
            };
            try
            {
                await elector.RunAndTryToHoldLeadershipForeverAsync(attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (OperationCanceledException) when (attempt.IsCancellationRequested)
            {
                SetLeader(false);
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

    private (string Namespace, string Name) LeaseLocation()
    {
        var settings = _options.LeaderElection;
        var ns = settings.LeaseNamespace ?? Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "default";
        return (ns, settings.LeaseName ?? DefaultLeaseName(_translator.Mesh));
    }

    /// <summary>
    /// Gives the Lease up when this instance holds it: an empty holder, a one-second duration and the renew time now
    /// (client-go's <c>ReleaseOnCancel</c> record), written with the resourceVersion read, so a Lease taken over in
    /// the meantime is left alone. Called after the reconcile loop has stopped, so nothing is written after it.
    /// </summary>
    private async Task ReleaseLeaseAsync(CancellationToken cancellationToken)
    {
        var (ns, name) = LeaseLocation();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            var leases = _api.Client.CoordinationV1;
            var lease = await leases.ReadNamespacedLeaseAsync(name, ns, cancellationToken: timeout.Token)
                .ConfigureAwait(false);
            if (lease.Spec is not { } spec || spec.HolderIdentity != Identity)
            {
                return;
            }

            var now = _time.GetUtcNow().UtcDateTime;

            // Empty, not null: the elector of the kubernetes client treats a missing holder as no Lease and tries to
            // create one, which fails while this one exists.
            spec.HolderIdentity = string.Empty;
            spec.LeaseDurationSeconds = 1;
            spec.AcquireTime = now;
            spec.RenewTime = now;
            await leases.ReplaceNamespacedLeaseAsync(lease, name, ns, cancellationToken: timeout.Token)
                .ConfigureAwait(false);
            Log.LeaseReleased(_logger, Identity, ns, name);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.LeaseReleaseFailed(_logger, e);
        }
    }
}
