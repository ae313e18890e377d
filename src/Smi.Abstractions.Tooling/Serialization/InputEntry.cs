namespace Smi.Abstractions.Serialization;

/// <summary>A file found under an input path, as <see cref="InputReader.Find"/> lists it.</summary>
/// <param name="Path">The path to open, as found (under the path the user gave).</param>
/// <param name="Relative">The path relative to the input root, with <c>/</c> separators.</param>
/// <param name="LinkTarget">
/// For a symbolic link that stays inside the input root, its target as written in the link; otherwise
/// <see langword="null"/>. Links that leave the root are refused and never listed.
/// </param>
public sealed record InputEntry(string Path, string Relative, string? LinkTarget);
