namespace Smi.Fleet;

/// <summary>A process's resident set now and at its peak (Linux: <c>VmRSS</c> and <c>VmHWM</c>).</summary>
/// <param name="WorkingSet">The resident bytes now.</param>
/// <param name="PeakWorkingSet">The most resident bytes since start or since the peak was last reset.</param>
public sealed record ProcessMemoryStatus(long WorkingSet, long PeakWorkingSet);
