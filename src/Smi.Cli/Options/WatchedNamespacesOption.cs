using System.CommandLine;

namespace Smi.Cli.Options;

/// <summary>
/// <c>--namespaces a,b</c> of <c>smi install</c> and <c>smi uninstall</c>: the namespaces the controller watches, each
/// a DNS label (RFC 1123), as Kubernetes requires of namespace names.
/// </summary>
internal sealed class WatchedNamespacesOption
{
    public WatchedNamespacesOption(string description)
    {
        Option = new Option<string?>("--namespaces") { Description = description };
    }

    public Option<string?> Option { get; }

    /// <summary>The namespaces, distinct, in the given order; null (after saying why) when one is invalid.</summary>
    public IReadOnlyList<string>? Of(ParseResult result, TextWriter error)
    {
        var names = (result.GetValue(Option) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (names.FirstOrDefault(n => !IsNamespaceName(n)) is { } invalid)
        {
            error.WriteLine($"error: --namespaces: \"{invalid}\" is not a namespace name (a DNS label)");
            return null;
        }

        return names;
    }

    private static bool IsNamespaceName(string name) =>
        name.Length is > 0 and <= 63
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-' && name[^1] != '-';
}
