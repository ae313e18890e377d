namespace Smi.Metrics.Tests;

/// <summary>
/// A fact that needs the real Prometheus: reported as skipped, with the reason, where the binaries are missing, unless
/// <c>SMI_REQUIRE_PROMETHEUS=1</c> (as in CI), where it runs and fails.
/// </summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute() => Skip = PrometheusSkip.Reason;
}

/// <summary>A theory that needs the real Prometheus; see <see cref="PrometheusFactAttribute"/>.</summary>
public sealed class PrometheusTheoryAttribute : TheoryAttribute
{
    public PrometheusTheoryAttribute() => Skip = PrometheusSkip.Reason;
}

/// <summary>Why Prometheus-backed tests are skipped, or <see langword="null"/> when they run.</summary>
internal static class PrometheusSkip
{
    public static string? Reason =>
        Environment.GetEnvironmentVariable("SMI_REQUIRE_PROMETHEUS") == "1" ? null : PrometheusFixture.Unavailable;
}
