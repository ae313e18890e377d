using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Adapters.Linkerd.Tests;

public class LinkerdGoldenTests
{
    public static TheoryData<string> Cases => GoldenCases.Names();

    internal static LinkerdTranslator DefaultTranslator() => new(new TranslationOptions(), new LinkerdOptions());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translation_MatchesGoldenFiles(string caseName)
    {
        GoldenTranslation.AssertMatches(DefaultTranslator(), caseName);
    }
}
