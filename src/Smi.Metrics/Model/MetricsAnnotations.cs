namespace Smi.Metrics.Model;

/// <summary>The annotations a served item carries in <c>metadata.annotations</c> to explain its values.</summary>
public static class MetricsAnnotations
{
    /// <summary>The window that was asked for, when it was too short for the scrape interval and was widened.</summary>
    public const string RequestedWindow = "metrics.smi-adapter.io/requested-window";

    /// <summary>
    /// The scrape interval the window was widened to fit (Go duration), set with <see cref="RequestedWindow"/>.
    /// </summary>
    public const string ScrapeInterval = "metrics.smi-adapter.io/scrape-interval";

    /// <summary>Why the window was widened, for people.</summary>
    public const string WindowNote = "metrics.smi-adapter.io/window-note";

    /// <summary>Why the success and failure counts are unknown (absent) rather than zero, for people.</summary>
    public const string MissingData = "metrics.smi-adapter.io/missing-data";
}
