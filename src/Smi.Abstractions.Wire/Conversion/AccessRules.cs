using Smi.Abstractions.Model;

namespace Smi.Abstractions.Conversion;

/// <summary>Writes TrafficTarget rules for every access version.</summary>
internal static class AccessRules
{
    /// <summary>
    /// The rules a version can hold. Access v1alpha1/v1alpha2 predate UDPRoute: such rules are reported as lossy and
    /// left out.
    /// </summary>
    public static IEnumerable<(AccessRule Rule, string Kind, List<string>? Matches)> Writable(
        AccessGrant hub, bool allowUdp, string rulesPath, string apiVersion, ConversionContext context)
    {
        for (var i = 0; i < hub.Rules.Length; i++)
        {
            var rule = hub.Rules[i];
            if (rule.Kind == AccessRuleKind.UdpRoute && !allowUdp)
            {
                context.ReportLossy(
                    $"{rulesPath}[{i}]",
                    apiVersion,
                    $"the UDPRoute rule {rule.Name} (UDPRoute came with specs v1alpha4 and access v1alpha3)");
                continue;
            }

            yield return (
                rule, AccessRuleKinds.Format(rule.Kind), rule.Matches.IsDefaultOrEmpty ? null : [.. rule.Matches]);
        }
    }

    /// <summary>Reads rules of any version.</summary>
    public static AccessRule ToHub(string? kind, string? name, IEnumerable<string>? matches) =>
        new(AccessRuleKinds.Parse(kind), name ?? string.Empty, [.. matches ?? []]);
}
