namespace Smi.Metrics.Tests;

/// <summary>A clock stopped at one instant, so every query is evaluated at the same time.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
