namespace Smi.Testing;

/// <summary>
/// The golden cases under <c>tests/testdata/&lt;case&gt;/</c>: <c>input.yaml</c>, <c>diagnostics.txt</c> (input
/// diagnostics), and per mesh <c>&lt;mesh&gt;.yaml</c> and <c>&lt;mesh&gt;.diagnostics.txt</c>.
/// </summary>
public static class GoldenCases
{
    /// <summary>The case names, sorted, as xunit theory data.</summary>
    /// <returns>One row per case.</returns>
    public static TheoryDataRows Names()
    {
        var rows = new TheoryDataRows();
        foreach (var name in All())
        {
            rows.Add(name);
        }

        return rows;
    }

    /// <summary>The case names, sorted.</summary>
    /// <returns>The names.</returns>
    public static IEnumerable<string> All() =>
        Directory.EnumerateDirectories(RepositoryPaths.TestData)
            .Where(d => File.Exists(Path.Combine(d, "input.yaml")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    /// <summary>The folder of a case.</summary>
    /// <param name="name">The case name.</param>
    /// <returns>The folder path.</returns>
    public static string Folder(string name) => Path.Combine(RepositoryPaths.TestData, name);
}
