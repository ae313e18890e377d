namespace Smi.Controller.Kube;

/// <summary>A watch stream broke while being read; the informer opens a new one.</summary>
internal sealed class WatchFailedException : Exception
{
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
