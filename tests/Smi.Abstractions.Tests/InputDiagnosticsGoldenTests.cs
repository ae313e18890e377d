using Smi.Testing;

namespace Smi.Abstractions.Tests;

public class InputDiagnosticsGoldenTests
{
    public static TheoryData<string> Cases => GoldenCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void InputDiagnostics_MatchGoldenFile(string caseName)
    {
        var snapshot = GoldenTranslation.LoadSnapshot(caseName);
        GoldenFile.AssertMatches(Path.Combine(GoldenCases.Folder(caseName), "diagnostics.txt"), GoldenTranslation.FormatDiagnostics(snapshot.Diagnostics));
    }
}
