namespace Smi.Abstractions.Serialization;

/// <summary>
/// How much input one run reads: a file over <see cref="MaxFileBytes"/>, or files that together pass
/// <see cref="MaxTotalBytes"/>, are refused with a diagnostic instead of being read into memory.
/// </summary>
public sealed record InputLimits
{
    /// <summary>The default per-file limit, 8 MiB: far above any manifest the API server accepts (3 MiB).</summary>
    public const long DefaultMaxFileBytes = 8L * 1024 * 1024;

    /// <summary>The default limit of all files of one run together, 128 MiB.</summary>
    public const long DefaultMaxTotalBytes = 128L * 1024 * 1024;

    /// <summary>The defaults.</summary>
    public static InputLimits Default { get; } = new();

    /// <summary>The most bytes one file (or standard input) may have.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>The most bytes all files of one run may have together.</summary>
    public long MaxTotalBytes { get; init; } = DefaultMaxTotalBytes;
}
