using Smi.Abstractions.Snapshot;

namespace Smi.Controller.Reconcile;

/// <summary>
/// A work queue of translation units: a key is in it once however often it is added; a unit that failed comes back
/// after an exponential, jittered delay that grows with its failures until it succeeds (<see cref="Forget"/>).
/// Not thread-safe: only the reconcile loop uses it.
/// </summary>
internal sealed class UnitQueue(TimeProvider time, TimeSpan baseDelay, TimeSpan maxDelay)
{
    private readonly Dictionary<UnitKey, DateTimeOffset> _due = [];
    private readonly Dictionary<UnitKey, int> _failures = [];

    public int Count => _due.Count;

    public void Add(UnitKey key)
    {
        var now = time.GetUtcNow();
        _due[key] = _due.TryGetValue(key, out var due) && due < now ? due : now;
    }

    public void AddRateLimited(UnitKey key)
    {
        var failures = _failures[key] = _failures.GetValueOrDefault(key) + 1;
        var delay = Math.Min(
            baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20)), maxDelay.TotalMilliseconds);
        delay *= 0.8 + (Random.Shared.NextDouble() * 0.4);
        var at = time.GetUtcNow() + TimeSpan.FromMilliseconds(delay);
        _due[key] = _due.TryGetValue(key, out var due) && due > at ? due : at;
    }

    /// <summary>Adds a key that is due after a delay, or earlier when it is already due earlier.</summary>
    public void AddAfter(UnitKey key, TimeSpan delay)
    {
        var at = time.GetUtcNow() + delay;
        _due[key] = _due.TryGetValue(key, out var due) && due < at ? due : at;
    }

    public int Failures(UnitKey key) => _failures.GetValueOrDefault(key);

    public void Forget(UnitKey key) => _failures.Remove(key);

    public DateTimeOffset? NextDue => _due.Count == 0 ? null : _due.Values.Min();

    public IReadOnlyList<UnitKey> TakeDue()
    {
        var now = time.GetUtcNow();
        var due = _due.Where(d => d.Value <= now).Select(d => d.Key).Order().ToList();
        foreach (var key in due)
        {
            _due.Remove(key);
        }

        return due;
    }

    public void Clear() => _due.Clear();
}
