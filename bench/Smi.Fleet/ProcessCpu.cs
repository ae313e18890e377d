using System.Diagnostics;

namespace Smi.Fleet;

/// <summary>The processor time a process has used, user and system together.</summary>
public static class ProcessCpu
{
    /// <summary>The processor time of a process since it started.</summary>
    /// <param name="processId">The process.</param>
    /// <returns>The time.</returns>
    public static TimeSpan Used(int processId)
    {
        using var process = Process.GetProcessById(processId);
        return process.TotalProcessorTime;
    }
}
