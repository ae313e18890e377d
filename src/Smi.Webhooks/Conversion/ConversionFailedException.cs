namespace Smi.Webhooks.Conversion;

/// <summary>An object cannot be converted; the message names the object and the field.</summary>
public sealed class ConversionFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConversionFailedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the object and field.</param>
    public ConversionFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the object and field.</param>
    /// <param name="innerException">The cause.</param>
    public ConversionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
