namespace Smi.Abstractions.Serialization;

/// <summary>What a path is on disk, without following a last symbolic link.</summary>
internal enum FileKind
{
    /// <summary>Nothing there, or it cannot be examined.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A symbolic link.</summary>
    SymbolicLink,

    /// <summary>A FIFO, socket, character or block device: reading it could block or never end.</summary>
    Special,
}
