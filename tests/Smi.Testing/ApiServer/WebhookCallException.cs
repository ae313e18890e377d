namespace Smi.Testing.ApiServer;

/// <summary>A webhook could not be called or gave no usable answer.</summary>
internal sealed class WebhookCallException : Exception
{
    public WebhookCallException()
    {
    }

    public WebhookCallException(string message)
        : base(message)
    {
    }

    public WebhookCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
