namespace Smi.Kube.Api;

/// <summary>A watch stream broke while being read; the informer opens a new one.</summary>
internal sealed class WatchFailedException : Exception
{
    /// <summary>
    /// Whether the server said the watched resource version is too old (410 Expired): only a new list helps.
    /// </summary>
    public bool Expired { get; init; }

    public WatchFailedException()
    {
    }

    public WatchFailedException(string message)
        : base(message)
    {
    }

    public WatchFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
