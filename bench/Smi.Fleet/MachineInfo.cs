using System.Runtime.InteropServices;

namespace Smi.Fleet;

/// <summary>Describes the machine a figure came from, without naming it.</summary>
public static class MachineInfo
{
    /// <summary>One line: cores, memory, OS, runtime, how its code is compiled (JIT or Native AOT), GC mode.</summary>
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F0} GiB, "
        + $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription} {RuntimeInformation.ProcessArchitecture}, "
        + $"{(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "Native AOT")}, "
        + $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC";

    /// <summary>Prints <see cref="Describe"/>.</summary>
    /// <param name="output">Where to print.</param>
    public static void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"machine: {Describe()}");
    }
}
