namespace Smi.Abstractions.Model;

/// <summary>The transport of a <see cref="PortRoute"/>.</summary>
public enum PortProtocol
{
    /// <summary>A TCPRoute.</summary>
    Tcp = 0,

    /// <summary>A UDPRoute.</summary>
    Udp = 1,
}
