namespace Smi.Controller;

/// <summary>Leader election on a <c>coordination.k8s.io</c> Lease: only the leader writes.</summary>
public sealed class LeaderElectionOptions
{
    /// <summary>Whether to elect a leader. Off, every instance writes. Default off.</summary>
    public bool Enabled { get; set; }

    /// <summary>The Lease name. Default <c>smi-adapter-&lt;mesh&gt;</c>.</summary>
    public string? LeaseName { get; set; }

    /// <summary>
    /// The Lease namespace. Default the <c>POD_NAMESPACE</c> environment variable, else <c>default</c>.
    /// </summary>
    public string? LeaseNamespace { get; set; }

    /// <summary>How long a Lease is valid without renewal. Default 15 seconds.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives up leadership. Default 10 seconds.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to acquire or renew. Default 2 seconds.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);
}
