namespace Smi.Controller.Cache;

/// <summary>
/// The informers of the SMI kinds, of the context kinds (Services, workloads, Namespaces) and of the output kinds, and
/// the read-only view of what they hold. Created before the controller starts, so that the servers of the host can be
/// handed the view at once; empty until the controller has created its informers.
/// </summary>
/// <param name="options">The settings: which namespaces, and whether Pods are watched.</param>
internal sealed class InformerCache(ControllerOptions options) : IClusterCache
{
    private volatile IReadOnlyList<Informer> _smi = [];
    private volatile IReadOnlyList<Informer> _context = [];
    private volatile IReadOnlyList<Informer> _outputs = [];
    private volatile bool _started;

    /// <summary>The informers of the SMI kinds.</summary>
    public IReadOnlyList<Informer> Smi => _smi;

    /// <summary>The informers of Services, workloads and Namespaces.</summary>
    public IReadOnlyList<Informer> Context => _context;

    /// <summary>The informers of the output kinds; replaced as output kinds' CRDs come and go.</summary>
    public IReadOnlyList<Informer> Outputs
    {
        get => _outputs;
        set => _outputs = value;
    }

    /// <summary>Every informer but the CRDs'.</summary>
    public IEnumerable<Informer> All => _smi.Concat(_context).Concat(_outputs);

    /// <inheritdoc/>
    public bool IsSynced => _started && All.All(i => i.Synced);

    /// <inheritdoc/>
    public bool WatchesPods => options.WatchPods;

    /// <inheritdoc/>
    public IReadOnlyList<string> WatchedNamespaces => [.. options.Namespaces];

    /// <summary>Sets the informers, once, before they run.</summary>
    /// <param name="smi">The SMI kinds' informers.</param>
    /// <param name="context">The context kinds' informers.</param>
    /// <param name="outputs">The output kinds' informers.</param>
    public void Fill(IReadOnlyList<Informer> smi, IReadOnlyList<Informer> context, IReadOnlyList<Informer> outputs)
    {
        _smi = smi;
        _context = context;
        _outputs = outputs;
    }

    /// <summary>Marks the informers as running: from now on the cache answers.</summary>
    public void Open() => _started = true;

    /// <inheritdoc/>
    public IReadOnlyList<CachedObject> Objects(string group, string kind)
    {
        if (!_started)
        {
            return [];
        }

        return [.. All
            .Where(i => string.Equals(i.Kind.Group, group, StringComparison.Ordinal)
                && string.Equals(i.Kind.Kind, kind, StringComparison.Ordinal))
            .SelectMany(i => i.Items())];
    }

    /// <inheritdoc/>
    public IReadOnlyList<RefusedRead> RefusedReads()
    {
        var outputs = _outputs;
        return [.. _smi.Concat(_context).Concat(outputs)
            .Select(i => (Informer: i, Missing: i.Missing))
            .Where(i => i.Missing is not null)
            .Select(i => new RefusedRead(
                i.Informer.Kind, i.Informer.Namespace, i.Informer.Name, i.Missing!, outputs.Contains(i.Informer)))];
    }
}
