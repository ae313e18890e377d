using System.CommandLine;

namespace Smi.Cli.Options;

/// <summary>
/// Options whose value is one of a few lowercase words, accepted in any case (<c>--mesh Istio</c>) and shown in help
/// as <c>a|b|c</c>.
/// </summary>
internal static class ChoiceOption
{
    /// <summary>An option that accepts one of <paramref name="choices"/> and yields it as written there.</summary>
    public static Option<string> Create(string name, string[] aliases, IReadOnlyList<string> choices, string? fallback)
    {
        var option = new Option<string>(name, aliases)
        {
            HelpName = string.Join('|', choices),
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return fallback!;
                }

                var text = result.Tokens[^1].Value;
                var match = choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    result.AddError($"{name} \"{text}\" is not one of: {string.Join(", ", choices)}");
                    return fallback!;
                }

                return match;
            },
        };
        if (fallback is not null)
        {
            option.DefaultValueFactory = _ => fallback;
        }

        option.CompletionSources.Add(_ => choices);
        return option;
    }

    /// <summary>
    /// An option whose values are only known at parse time (the registered meshes): any value is lower-cased and the
    /// command checks it.
    /// </summary>
    public static Option<string> LowerCase(string name, params string[] aliases) => new(name, aliases)
    {
        CustomParser = result => result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value.ToLowerInvariant(),
    };
}
