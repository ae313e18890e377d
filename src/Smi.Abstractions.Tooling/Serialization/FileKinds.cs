using System.Runtime.InteropServices;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// Tells regular files from FIFOs and devices before anything opens them (opening a FIFO blocks until a writer
/// comes; a device such as <c>/dev/zero</c> never ends). .NET exposes no file type, so on Unix this asks
/// <c>lstat</c> through the runtime's own native library, whose status record starts with a flags and a mode field.
/// </summary>
internal static partial class FileKinds
{
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;
    private const int LinkType = 0xA000;

    /// <summary>What <paramref name="path"/> is, not following a last symbolic link.</summary>
    public static FileKind Of(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                if (LStat(path, out var status) != 0)
                {
                    return FileKind.Missing;
                }

                return (status.Mode & TypeMask) switch
                {
                    RegularType => FileKind.Regular,
                    DirectoryType => FileKind.Directory,
                    LinkType => FileKind.SymbolicLink,
                    _ => FileKind.Special,
                };
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // Fall through to what .NET can tell.
            }
        }

        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return FileKind.SymbolicLink;
        }

        return Directory.Exists(path) ? FileKind.Directory : info.Exists ? FileKind.Regular : FileKind.Missing;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", CharSet = CharSet.Ansi,
        BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int LStat(string path, out FileStatus status);

    /// <summary>The start of the runtime's status record, with room for all of it.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }
}
