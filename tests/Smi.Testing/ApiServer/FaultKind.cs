namespace Smi.Testing.ApiServer;

/// <summary>What an injected fault does.</summary>
internal enum FaultKind
{
    Fail,
    Hang,
    Conflict,
    Stall,
}
