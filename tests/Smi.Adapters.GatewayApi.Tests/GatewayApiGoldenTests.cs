using Smi.Abstractions.Translation;
using Smi.Testing;

namespace Smi.Adapters.GatewayApi.Tests;

public class GatewayApiGoldenTests
{
    public static TheoryData<string> Cases => GoldenCases.Names();

    internal static GatewayApiTranslator DefaultTranslator() => new(new TranslationOptions(), new GatewayApiOptions());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translation_MatchesGoldenFiles(string caseName)
    {
        GoldenTranslation.AssertMatches(DefaultTranslator(), caseName);
    }
}
