using System.Net;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace Smi.Controller.Reconcile;

/// <summary>
/// Leader election on a Lease, on its own: it competes for the Lease and says when this instance starts and stops
/// leading; what leading means (writes, the term that fences them) is its caller's. Leadership ends when a renewal
/// finds another holder or the renew deadline passes. On a graceful stop the caller releases the Lease once it has
/// stopped writing, as client-go's <c>ReleaseOnCancel</c> does, so that a follower leads at its next retry instead of
/// after the lease duration.
/// </summary>
/// <param name="client">The API client.</param>
/// <param name="options">The settings: the Lease, its timings and the request timeout.</param>
/// <param name="mesh">The mesh, which names the Lease when no name is configured.</param>
/// <param name="identity">This instance's identity, the Lease holder.</param>
/// <param name="leading">Called with true when this instance starts leading, false when it stops.</param>
/// <param name="logger">The log.</param>
/// <param name="time">The clock.</param>
internal sealed class LeaseElection(
    IKubernetes client,
    ControllerOptions options,
    string mesh,
    string identity,
    Action<bool> leading,
    ILogger logger,
    TimeProvider time)
{
    private volatile bool _leading;

    /// <summary>The Lease's namespace and name.</summary>
    public (string Namespace, string Name) Location =>
        (NamespaceOf(options.LeaderElection), options.LeaderElection.LeaseName ?? DefaultName(mesh));

    /// <summary>
    /// The Lease's namespace: the configured one, else the Pod's (<c>POD_NAMESPACE</c>), else default.
    /// </summary>
    /// <param name="settings">The leader election settings.</param>
    /// <returns>The namespace.</returns>
    public static string NamespaceOf(LeaderElectionOptions settings) =>
        settings.LeaseNamespace ?? Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "default";

    /// <summary>The Lease name for a mesh when none is configured.</summary>
    /// <param name="mesh">The mesh.</param>
    /// <returns><c>smi-adapter-&lt;mesh&gt;</c>.</returns>
    public static string DefaultName(string mesh) => $"smi-adapter-{mesh}";

    /// <summary>
    /// Competes for the Lease until cancelled, calling back when this instance starts or stops leading; leadership
    /// ends when a renewal reads the Lease held by another identity, or when renewing fails until the deadline.
    /// </summary>
    /// <param name="cancellationToken">Stops the election.</param>
    /// <returns>A task that completes when the election has stopped (and this instance no longer leads).</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.LeaderElection;
        var (ns, name) = Location;
        var leaseLock = new LeaseLock(client, ns, name, identity);
        while (!cancellationToken.IsCancellationRequested)
        {
            // One elector per attempt to lead: a renewal that finds another holder ends the attempt at once (and
            // with it every write of this term), and the next elector competes for the Lease afresh.
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var observed = new ObservedLeaseLock(
                leaseLock,
                holder =>
                {
                    if (_leading)
                    {
                        Log.LeaseTakenOver(logger, identity, holder);
                        Lead(false);
                        attempt.Cancel();
                    }
                },
                () => Log.LeaseCreateRefused(logger, ns, name));
            var config = new LeaderElectionConfig(observed)
            {
                LeaseDuration = settings.LeaseDuration,
                RenewDeadline = settings.RenewDeadline,
                RetryPeriod = settings.RetryPeriod,
            };
            using var elector = new LeaderElector(config);
            elector.OnStartedLeading += () =>
            {
                Log.BecameLeader(logger, identity);
                Lead(true);
            };
            elector.OnStoppedLeading += () =>
            {
                Log.LostLeadership(logger, identity);
                Lead(false);
            };
            elector.OnNewLeader += leader => Log.NewLeader(logger, leader);

            // The elector swallows the errors of its Lease requests and only retries: a missing permission on the
            // Lease would otherwise leave the instance a silent follower forever.
            elector.OnError += e =>
            {
                if (e is HttpOperationException
                    {
                        Response.StatusCode: HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized,
                    } refused)
                {
                    Log.LeasePermissionMissing(logger, ns, name, (int)refused.Response.StatusCode, e);
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
                Lead(false);
            }
            catch (Exception e)
            {
                Lead(false);
                Log.LeaderElectionFailed(logger, e);
                try
                {
                    await Task.Delay(settings.RetryPeriod, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        Lead(false);
    }

    /// <summary>
    /// Gives the Lease up when this instance holds it: an empty holder, a one-second duration and the renew time now
    /// (client-go's <c>ReleaseOnCancel</c> record), written with the resourceVersion read, so a Lease taken over in
    /// the meantime is left alone. Called after the reconcile loop has stopped, so nothing is written after it.
    /// </summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        var (ns, name) = Location;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            var leases = client.CoordinationV1;
            var lease = await leases.ReadNamespacedLeaseAsync(name, ns, cancellationToken: timeout.Token)
                .ConfigureAwait(false);
            if (lease.Spec is not { } spec || spec.HolderIdentity != identity)
            {
                return;
            }

            var now = time.GetUtcNow().UtcDateTime;

            // Empty, not null: the elector of the kubernetes client treats a missing holder as no Lease and tries to
            // create one, which fails while this one exists.
            spec.HolderIdentity = string.Empty;
            spec.LeaseDurationSeconds = 1;
            spec.AcquireTime = now;
            spec.RenewTime = now;
            await leases.ReplaceNamespacedLeaseAsync(lease, name, ns, cancellationToken: timeout.Token)
                .ConfigureAwait(false);
            Log.LeaseReleased(logger, identity, ns, name);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.LeaseReleaseFailed(logger, e);
        }
    }

    private void Lead(bool lead)
    {
        _leading = lead;
        leading(lead);
    }
}
