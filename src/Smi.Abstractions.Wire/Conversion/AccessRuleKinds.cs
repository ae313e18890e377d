using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;

namespace Smi.Abstractions.Conversion;

/// <summary>The wire names of <see cref="AccessRuleKind"/>.</summary>
public static class AccessRuleKinds
{
    /// <summary>Parses a rule kind; an unknown kind reads as HTTPRouteGroup and validation reports it.</summary>
    /// <param name="kind">The kind as written.</param>
    /// <returns>The rule kind.</returns>
    public static AccessRuleKind Parse(string? kind) => kind switch
    {
        "TCPRoute" => AccessRuleKind.TcpRoute,
        "UDPRoute" => AccessRuleKind.UdpRoute,
        _ => AccessRuleKind.HttpRouteGroup,
    };

    /// <summary>Whether a kind as written is one SMI knows.</summary>
    /// <param name="kind">The kind as written.</param>
    /// <returns><see langword="true"/> for HTTPRouteGroup, TCPRoute and UDPRoute.</returns>
    public static bool IsKnown(string? kind) => kind is "HTTPRouteGroup" or "TCPRoute" or "UDPRoute";

    /// <summary>Reports every rule kind that SMI does not know as an error.</summary>
    /// <param name="kinds">The kinds as written, in rule order.</param>
    /// <param name="rulesPath">The field path of the rule list.</param>
    /// <param name="context">The conversion context.</param>
    public static void ReportUnknown(IEnumerable<string?>? kinds, string rulesPath, ConversionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var index = 0;
        foreach (var kind in kinds ?? [])
        {
            if (!IsKnown(kind))
            {
                context.Report(Diagnostics.Diagnostic.Error(
                    SmiReasons.InvalidRuleKind,
                    context.Object,
                    $"{rulesPath}[{index}].kind",
                    $"rule kind \"{kind}\" is not HTTPRouteGroup, TCPRoute or UDPRoute"));
            }

            index++;
        }
    }

    /// <summary>Formats a rule kind.</summary>
    /// <param name="kind">The rule kind.</param>
    /// <returns>The wire name.</returns>
    public static string Format(AccessRuleKind kind) => kind switch
    {
        AccessRuleKind.TcpRoute => "TCPRoute",
        AccessRuleKind.UdpRoute => "UDPRoute",
        _ => "HTTPRouteGroup",
    };
}
