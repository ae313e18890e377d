using System.Buffers;
using System.Globalization;
using System.Text;
using Smi.Abstractions.Diagnostics;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// Finds and reads input files within <see cref="InputLimits"/>: regular files only (a FIFO or a device is refused
/// before it is opened), no symbolic link that leaves the folder the user named, every file checked against the
/// per-file and total limits while it is read (never buffered whole first), and text checked to be UTF-8. Every
/// problem is a diagnostic naming the file; no exception leaves it for a bad input.
/// </summary>
/// <param name="limits">The limits; <see cref="InputLimits.Default"/> when <see langword="null"/>.</param>
public sealed class InputReader(InputLimits? limits = null)
{
    private const int MaxFolderDepth = 128;
    private const int ChunkSize = 64 * 1024;
    private bool _totalExceeded;
    private byte[]? _chunk;

    /// <summary>The limits applied.</summary>
    public InputLimits Limits { get; } = limits ?? InputLimits.Default;

    /// <summary>The bytes (characters for standard input) read so far, which count against the total limit.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>
    /// Lists the files under a folder, recursively, in ordinal path order. A symbolic link to a file inside the folder
    /// is listed with its target; one to a folder inside it is not followed (the folder is listed where it is); one
    /// that leaves the folder, a FIFO, a socket or a device is refused with an error.
    /// </summary>
    /// <param name="folder">The folder the user named: the input root.</param>
    /// <param name="include">Which files to list, by relative path (<c>/</c> separators).</param>
    /// <param name="skipHiddenFolders">Whether to skip folders whose name starts with a dot (<c>.git</c>).</param>
    /// <param name="diagnostics">Where refusals go.</param>
    /// <returns>The files.</returns>
    public IReadOnlyList<InputEntry> Find(
        string folder, Func<string, bool> include, bool skipHiddenFolders, ICollection<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(include);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var found = new List<InputEntry>();
        var root = RealPath(Path.GetFullPath(folder));
        Walk(folder, string.Empty, 0);
        return [.. found.OrderBy(f => f.Relative, StringComparer.Ordinal)];

        void Walk(string directory, string prefix, int depth)
        {
            if (depth > MaxFolderDepth)
            {
                diagnostics.Add(Refusal(SmiReasons.FolderTooDeep, directory, $"{directory} is nested more than "
                    + $"{MaxFolderDepth} "
                    + "folders deep; it is not read"));
                return;
            }

            IEnumerable<FileSystemInfo> children;
            try
            {
                children = [.. new DirectoryInfo(directory).EnumerateFileSystemInfos()
                    .OrderBy(c => c.Name, StringComparer.Ordinal)];
            }
            catch (Exception e) when (IsReadFailure(e))
            {
                var message = $"cannot read the folder {directory}: {e.Message}";
                diagnostics.Add(Refusal(SmiReasons.UnreadableFile, directory, message));
                return;
            }

            foreach (var child in children)
            {
                var relative = prefix + child.Name;
                var path = Path.Combine(directory, child.Name);
                switch (FileKinds.Of(path))
                {
                    case FileKind.Directory:
                        if (!(skipHiddenFolders && child.Name.StartsWith('.')))
                        {
                            Walk(path, relative + "/", depth + 1);
                        }

                        break;
                    case FileKind.Regular when include(relative):
                        found.Add(new InputEntry(path, relative, null));
                        break;
                    case FileKind.Special when include(relative):
                        diagnostics.Add(NotRegular(path));
                        break;
                    case FileKind.SymbolicLink:
                        AddLink(child, path, relative);
                        break;
                    default:
                        break;
                }
            }
        }

        void AddLink(FileSystemInfo link, string path, string relative)
        {
            string? target;
            try
            {
                target = link.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            }
            catch (IOException e)
            {
                diagnostics.Add(Refusal(SmiReasons.UnreadableFile, path,
                    $"cannot follow the link {path}: {e.Message}"));
                return;
            }

            var kind = target is null ? FileKind.Missing : FileKinds.Of(target);
            if (kind != FileKind.Directory && !include(relative))
            {
                return;
            }

            if (target is null || !IsUnder(RealPath(target), root))
            {
                diagnostics.Add(Refusal(SmiReasons.LinkLeavesInput, path,
                    $"{path} is a symbolic link to {link.LinkTarget}, "
                    + $"outside {folder}; links that leave the input folder are not followed"));
                return;
            }

            if (kind == FileKind.Regular)
            {
                found.Add(new InputEntry(path, relative, link.LinkTarget));
            }
            else if (kind == FileKind.Special)
            {
                diagnostics.Add(NotRegular(path));
            }
        }
    }

    /// <summary>Reads a file as bytes, within the limits.</summary>
    /// <param name="path">The file; a symbolic link is followed only to a regular file.</param>
    /// <param name="diagnostics">Where a refusal goes.</param>
    /// <returns>The bytes, or <see langword="null"/> when refused (with a diagnostic).</returns>
    public byte[]? ReadBytes(string path, ICollection<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (_totalExceeded)
        {
            return null;
        }

        try
        {
            var kind = FileKinds.Of(path);
            if (kind == FileKind.SymbolicLink)
            {
                var target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName;
                kind = target is null ? FileKind.Missing : FileKinds.Of(target);
            }

            switch (kind)
            {
                case FileKind.Special:
                    diagnostics.Add(NotRegular(path));
                    return null;
                case FileKind.Directory:
                    diagnostics.Add(Refusal(SmiReasons.UnreadableFile, path, $"{path} is a folder, not a file"));
                    return null;
                case FileKind.Missing:
                    diagnostics.Add(Refusal(SmiReasons.FileNotFound, path, $"{path} is neither a file nor a folder"));
                    return null;
                default:
                    break;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            return ReadLimited(stream, stream.Length, path, diagnostics);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            diagnostics.Add(Refusal(SmiReasons.UnreadableFile, path, $"cannot read {path}: {e.Message}"));
            return null;
        }
    }

    /// <summary>Reads a file as UTF-8 text (a byte order mark is dropped), within the limits.</summary>
    /// <param name="path">The file.</param>
    /// <param name="diagnostics">Where a refusal goes.</param>
    /// <returns>The text, or <see langword="null"/> when refused (with a diagnostic).</returns>
    public string? ReadText(string path, ICollection<Diagnostic> diagnostics) =>
        ReadBytes(path, diagnostics) is { } bytes ? DecodeUtf8(bytes, path, diagnostics) : null;

    /// <summary>Reads text such as standard input, within the limits (counting characters).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="name">The name diagnostics give, <c>-</c> for standard input.</param>
    /// <param name="diagnostics">Where a refusal goes.</param>
    /// <returns>The text, or <see langword="null"/> when refused (with a diagnostic).</returns>
    public string? ReadText(TextReader reader, string name, ICollection<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (_totalExceeded)
        {
            return null;
        }

        var text = new StringBuilder();
        var buffer = new char[ChunkSize];
        try
        {
            while (reader.Read(buffer, 0, buffer.Length) is var read and > 0)
            {
                text.Append(buffer, 0, read);
                if (OverLimit(text.Length, name, diagnostics))
                {
                    return null;
                }
            }
        }
        catch (IOException e)
        {
            diagnostics.Add(Refusal(SmiReasons.UnreadableFile, name, $"cannot read {name}: {e.Message}"));
            return null;
        }

        TotalBytes += text.Length;
        return text.ToString();
    }

    /// <summary>
    /// Decodes UTF-8, dropping a byte order mark; invalid UTF-8 is an <c>InvalidUtf8</c> error naming the file and
    /// the line of the first bad byte.
    /// </summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="name">The file name diagnostics give.</param>
    /// <param name="diagnostics">Where the error goes.</param>
    /// <returns>The text, or <see langword="null"/> when the bytes are not UTF-8.</returns>
    public static string? DecodeUtf8(ReadOnlySpan<byte> bytes, string name, ICollection<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[3..];
        }

        // Valid text, nearly always: decoded in one step, without a buffer of characters to copy from.
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var chars = new char[bytes.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out var written, false, true);
        if (status == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var line = bytes[..read].Count((byte)'\n') + 1;
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"{name} is not valid UTF-8: byte 0x{bytes[read]:X2} at line {line}; save the file as UTF-8");
        diagnostics.Add(Diagnostic.Error(SmiReasons.InvalidUtf8, null, null, message)
            with { Location = new SourceLocation(name, line) });
        return null;
    }

    private byte[]? ReadLimited(Stream stream, long length, string name, ICollection<Diagnostic> diagnostics)
    {
        if (OverLimit(length, name, diagnostics))
        {
            return null;
        }

        // The length can change while the file is read (a file still being written): the limit holds as it is read.
        using var content = new MemoryStream((int)Math.Min(length, Limits.MaxFileBytes));
        var buffer = _chunk ??= new byte[ChunkSize];
        while (stream.Read(buffer, 0, buffer.Length) is var read and > 0)
        {
            content.Write(buffer, 0, read);
            if (OverLimit(content.Length, name, diagnostics))
            {
                return null;
            }
        }

        TotalBytes += content.Length;
        // A file of the length it had when opened fills the stream's own buffer exactly: no copy is needed.
        return content.Length == content.Capacity ? content.GetBuffer() : content.ToArray();
    }

    private bool OverLimit(long size, string name, ICollection<Diagnostic> diagnostics)
    {
        if (size > Limits.MaxFileBytes)
        {
            var limit = Limits.MaxFileBytes.ToString(CultureInfo.InvariantCulture);
            diagnostics.Add(Refusal(SmiReasons.FileTooLarge, name,
                $"{name} is larger than the limit of {limit} bytes per "
                + "file; it is not read (raise the limit with --max-file-size if the file is meant to be this "
                + "large)"));
            return true;
        }

        if (TotalBytes + size > Limits.MaxTotalBytes)
        {
            _totalExceeded = true;
            var limit = Limits.MaxTotalBytes.ToString(CultureInfo.InvariantCulture);
            diagnostics.Add(Refusal(SmiReasons.InputTooLarge, name,
                $"the input passes the limit of {limit} bytes in all at "
                + $"{name}; it and the files after it are not read (raise the limit with --max-total-size)"));
            return true;
        }

        return false;
    }

    private static bool IsReadFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or System.Security.SecurityException;

    private static Diagnostic NotRegular(string path) => Refusal(
        SmiReasons.NotARegularFile,
        path,
        $"{path} is not a regular file (a FIFO, socket or device); only regular files are read");

    private static Diagnostic Refusal(string reason, string path, string message) =>
        Diagnostic.Error(reason, null, null, message) with { Location = new SourceLocation(path, 0) };

    private static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(
            Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar,
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>The full path with every symbolic link along it resolved.</summary>
    private static string RealPath(string fullPath, int hops = 0)
    {
        const int MaxHops = 40;
        if (hops > MaxHops)
        {
            return fullPath;
        }

        var root = Path.GetPathRoot(fullPath) ?? string.Empty;
        var current = root;
        foreach (var part in fullPath[root.Length..].Split(
            Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            try
            {
                if (FileKinds.Of(current) == FileKind.SymbolicLink
                    && File.ResolveLinkTarget(current, returnFinalTarget: true) is { } target)
                {
                    current = RealPath(target.FullName, hops + 1);
                }
            }
            catch (IOException)
            {
                return current;
            }
        }

        return current;
    }
}
