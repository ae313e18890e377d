namespace Smi.Testing.Tests;

/// <summary>
/// Every line of the C# sources under <c>src/</c> fits in <see cref="MaxLength"/> characters; long calls, messages,
/// LINQ chains and doc comments are wrapped.
/// </summary>
public sealed class SourceLineLengthTest
{
    /// <summary>The longest line allowed.</summary>
    private const int MaxLength = 120;

    [Fact]
    public void EverySourceLine_FitsInTheLimit()
    {
        var src = Path.Combine(RepositoryPaths.Root, "src");
        var tooLong = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(src, path))
            .Order(StringComparer.Ordinal)
            .SelectMany(path => File.ReadLines(path)
                .Select((line, index) => (Line: index + 1, line.Length))
                .Where(l => l.Length > MaxLength)
                .Select(l => $"{Path.GetRelativePath(RepositoryPaths.Root, path)}:{l.Line} ({l.Length} characters)"))
            .ToList();

        Assert.True(
            tooLong.Count == 0,
            $"lines longer than {MaxLength} characters:\n" + string.Join("\n", tooLong));
    }

    private static bool IsBuildOutput(string src, string path) =>
        Path.GetRelativePath(src, path)
            .Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            .Any(part => part is "bin" or "obj");
}
