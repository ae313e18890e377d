using Xunit.Sdk;

namespace Smi.Testing;

/// <summary>
/// Compares generated text with a checked-in file. With <c>SMI_UPDATE_GOLDEN=1</c> it rewrites the file instead, so a
/// reviewed change in output is one command away; the diff then shows in version control.
/// </summary>
public static class GoldenFile
{
    /// <summary>Whether golden files are being rewritten.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable("SMI_UPDATE_GOLDEN") == "1";

    /// <summary>Asserts that <paramref name="actual"/> equals the golden file's content.</summary>
    /// <param name="path">The golden file.</param>
    /// <param name="actual">The generated text.</param>
    public static void AssertMatches(string path, string actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        actual = actual.ReplaceLineEndings("\n");
        if (Updating)
        {
            if (actual.Length == 0)
            {
                File.Delete(path);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, actual);
            }

            return;
        }

        var expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : string.Empty;
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new XunitException(
                $"Output differs from {Path.GetRelativePath(RepositoryPaths.Root, path)} (run with SMI_UPDATE_GOLDEN=1 to accept it).\n{FirstDifference(expected, actual)}");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of output>";
            if (!string.Equals(e, a, StringComparison.Ordinal))
            {
                return $"line {i + 1}:\n  expected: {e}\n  actual:   {a}";
            }
        }

        return "no line differs (line endings?)";
    }
}
