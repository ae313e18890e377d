namespace Smi.Controller.Reconcile;

/// <summary>A write was not sent, or was cancelled in flight, because this instance no longer leads.</summary>
internal sealed class LeadershipLostException : Exception
{
    public LeadershipLostException()
        : base("this instance no longer leads, so it writes nothing")
    {
    }

    public LeadershipLostException(string message)
        : base(message)
    {
    }

    public LeadershipLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
