using System.Net;
using k8s.Autorest;
using k8s.LeaderElection;

namespace Smi.Controller.Reconcile;

/// <summary>
/// The Lease lock of leader election, reporting every read that finds the Lease held by another identity. The elector
/// of the kubernetes client keeps leading until its renew deadline passes even when a renewal finds another holder
/// (as client-go's does: https://pkg.go.dev/k8s.io/client-go/tools/leaderelection); the controller stops writing at
/// that read instead. It also reports a create of the missing Lease that was refused, which the lock swallows.
/// </summary>
internal sealed class ObservedLeaseLock(ILock inner, Action<string> heldByAnother, Action createRefused) : ILock
{
    public string Identity => inner.Identity;

    public async Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default)
    {
        var record = await inner.GetAsync(cancellationToken).ConfigureAwait(false);
        if (record?.HolderIdentity is { Length: > 0 } holder
            && !string.Equals(holder, Identity, StringComparison.Ordinal))
        {
            heldByAnother(holder);
        }

        return record!;
    }

    public async Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default)
    {
        if (await inner.CreateAsync(record, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        // The lock answers false for any error of its create. A create lost to another instance leaves the Lease
        // in place; a Lease still missing means the create itself was refused (RBAC, or the namespace is gone).
        try
        {
            await inner.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            createRefused();
        }

        return false;
    }

    public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        inner.UpdateAsync(record, cancellationToken);

    public string Describe() => inner.Describe();
}
