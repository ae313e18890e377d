namespace Smi.Controller.Reconcile;

/// <summary>What reconciling one unit came to, and so what the work queue does with it.</summary>
internal enum UnitResult
{
    /// <summary>Applied and pruned: nothing more until something changes.</summary>
    Done,

    /// <summary>A transient error: queued again after its backoff.</summary>
    Retry,

    /// <summary>A write or read of the unit was refused (403): reported, queued again after its backoff.</summary>
    Forbidden,

    /// <summary>
    /// What the unit reads could not be listed (403): neither applied nor pruned, and not queued; the informer's
    /// next successful list queues everything again.
    /// </summary>
    Held,

    /// <summary>The API server refused an output for good: reported, not retried until something changes.</summary>
    Rejected,

    /// <summary>Leadership ended: the pass stops, and the new leader takes the work from here.</summary>
    LeadershipLost,
}
