using System.Diagnostics;
using System.Globalization;

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

    /// <summary>
    /// The working set and its peak of a process, from <c>/proc/PID/status</c> (<c>VmRSS</c>, <c>VmHWM</c>); from the
    /// runtime's process information where that file is missing.
    /// </summary>
    /// <param name="processId">The process.</param>
    /// <returns>The bytes now and at the peak.</returns>
    public static ProcessMemoryStatus Read(int processId)
    {
        var path = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(path))
        {
            using var process = Process.GetProcessById(processId);
            return new ProcessMemoryStatus(process.WorkingSet64, process.PeakWorkingSet64);
        }

        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kilobytes(line);
            }
        }

        return new ProcessMemoryStatus(rss, hwm);
    }

    private static long Kilobytes(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
    }
}
