using System.Globalization;

namespace Smi.Metrics;

/// <summary>
/// The time window metrics are computed over (the <c>?t=</c> query parameter; 30 seconds by default). It is written the
/// way Go and Kubernetes write durations: <c>30s</c>, <c>1m0s</c>, <c>1m30s</c>, <c>500ms</c>.
/// </summary>
public readonly record struct MetricsWindow
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(31);

    private MetricsWindow(TimeSpan duration) => Duration = duration;

    /// <summary>The default window, 30 seconds.</summary>
    public static MetricsWindow Default { get; } = new(TimeSpan.FromSeconds(30));

    /// <summary>The window's length (whole milliseconds, positive).</summary>
    public TimeSpan Duration { get; }

    /// <summary>The window as a PromQL range duration, for example <c>30s</c> or <c>1500ms</c>.</summary>
    public string PromQlRange =>
        Duration.Ticks % TimeSpan.TicksPerSecond == 0
            ? ((long)Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
            : ((long)Duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    /// <summary>Creates a window from a duration.</summary>
    /// <param name="duration">A positive duration of whole milliseconds, at most 31 days.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The duration is not positive, too long or has sub-millisecond
    /// parts.</exception>
    public static MetricsWindow FromDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || duration > Longest || duration.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(duration), duration, "A window is a positive whole number of milliseconds up to 31 days.");
        }

        return new MetricsWindow(duration);
    }

    /// <summary>
    /// Parses a Go-style duration: one or more number-unit pairs with units <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>
    /// (<c>30s</c>, <c>1m</c>, <c>1h30m</c>, <c>1.5m</c>). An empty or missing value gives <see cref="Default"/>.
    /// </summary>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    /// <param name="window">The parsed window.</param>
    /// <param name="error">Why the text was rejected.</param>
    /// <returns><see langword="true"/> when the text is a valid window.</returns>
    public static bool TryParse(string? text, out MetricsWindow window, out string? error)
    {
        window = Default;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var problem = DurationText.TryParse(text, fractions: true, Unit, out var totalMilliseconds);
        if (problem == DurationText.Problem.Number)
        {
            error = $"invalid window \"{text}\": expected a duration such as 30s, 1m or 1h30m";
            return false;
        }

        if (problem == DurationText.Problem.Unit)
        {
            error = $"invalid window \"{text}\": units are ms, s, m and h";
            return false;
        }

        if (totalMilliseconds > (decimal)Longest.TotalMilliseconds)
        {
            error = $"invalid window \"{text}\": at most 31 days";
            return false;
        }

        if (totalMilliseconds <= 0 || totalMilliseconds != decimal.Truncate(totalMilliseconds))
        {
            error = $"invalid window \"{text}\": must be a positive whole number of milliseconds";
            return false;
        }

        window = new MetricsWindow(TimeSpan.FromMilliseconds((double)totalMilliseconds));
        return true;
    }

    private static decimal? Unit(string unit) => unit switch
    {
        "ms" => 1m,
        "s" => 1000m,
        "m" => 60_000m,
        "h" => 3_600_000m,
        _ => null,
    };

    /// <summary>
    /// Formats the window the way Go formats a <c>time.Duration</c> (<c>30s</c>, <c>1m0s</c>, <c>1h30m0s</c>,
    /// <c>500ms</c>).
    /// </summary>
    /// <returns>The formatted window.</returns>
    public override string ToString()
    {
        var totalMilliseconds = (long)Duration.TotalMilliseconds;
        if (totalMilliseconds < 1000)
        {
            return totalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var hours = totalMilliseconds / 3_600_000;
        var minutes = totalMilliseconds / 60_000 % 60;
        var milliseconds = totalMilliseconds % 60_000;
        var seconds = (milliseconds / 1000m).ToString("0.###", CultureInfo.InvariantCulture) + "s";
        if (hours > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{hours}h{minutes}m{seconds}");
        }

        return minutes > 0 ? string.Create(CultureInfo.InvariantCulture, $"{minutes}m{seconds}") : seconds;
    }
}
