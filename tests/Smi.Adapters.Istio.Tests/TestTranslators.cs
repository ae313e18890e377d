using Smi.Abstractions.Translation;

namespace Smi.Adapters.Istio.Tests;

internal static class TestTranslators
{
    public static IstioTranslator Default() => new(new TranslationOptions(), new IstioOptions());

    public static IstioTranslator With(Action<IstioOptions> configure, Action<TranslationOptions>? shared = null)
    {
        var options = new IstioOptions();
        configure(options);
        var translation = new TranslationOptions();
        shared?.Invoke(translation);
        return new IstioTranslator(translation, options);
    }
}
