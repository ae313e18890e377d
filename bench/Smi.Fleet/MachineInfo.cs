using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Smi.Controller.Reconcile;

namespace Smi.Fleet;

/// <summary>Describes the machine a figure came from, without naming it.</summary>
public static class MachineInfo
{
    /// <summary>One line: cores, memory, OS, runtime, GC mode, and how the controller's code was compiled.</summary>
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F0} GiB, "
        + $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription} {RuntimeInformation.ProcessArchitecture}, "
        + $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, "
        + (IsCompiledAhead(typeof(ControllerCore).Assembly.Location)
            ? "controller code compiled ahead (ReadyToRun, as the image ships it)"
            : "controller code compiled when first called (not as the image ships it: publish with -r, bench/README.md)");

    /// <summary>Whether an assembly holds ReadyToRun code: its CLI header points at a native code header.</summary>
    /// <param name="path">The assembly's file.</param>
    /// <returns>True for a ReadyToRun image.</returns>
    public static bool IsCompiledAhead(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    /// <summary>Prints <see cref="Describe"/>.</summary>
    /// <param name="output">Where to print.</param>
    public static void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"machine: {Describe()}");
    }
}
