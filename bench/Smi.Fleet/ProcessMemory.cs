using System.Diagnostics;

namespace Smi.Fleet;

/// <summary>The process's working set, with a resettable peak where the kernel allows it.</summary>
public static class ProcessMemory
{
    /// <summary>Collects garbage fully and resets the peak working set (Linux: <c>/proc/self/clear_refs</c>).</summary>
    /// <returns>Whether the peak was reset; when not, the peak is the process's peak since start.</returns>
    public static bool Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The current working set in bytes.</summary>
    /// <returns>The bytes.</returns>
    public static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>The peak working set in bytes since the last reset.</summary>
    /// <returns>The bytes.</returns>
    public static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
