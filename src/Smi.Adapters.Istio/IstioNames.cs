using System.Security.Cryptography;
using System.Text;
using Smi.Abstractions.Model;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.Istio;

/// <summary>Deterministic, DNS-1123 names of the generated objects.</summary>
internal static class IstioNames
{
    /// <summary>The name of the per-namespace deny-all policy.</summary>
    public const string DefaultDenyPolicy = "smi-default-deny";

    private const int MaxLength = 63;
    private const int HashLength = 8;

    /// <summary>The VirtualService of a split root: the root Service's name.</summary>
    public static string ForSplitRoot(string rootService) => Fit(rootService);

    /// <summary>
    /// The AuthorizationPolicy of a destination: <c>smi-&lt;sa&gt;</c> or <c>smi-binding-&lt;name&gt;</c>, with a hash
    /// suffix when the readable name alone could be produced by another input: a ServiceAccount named
    /// <c>binding-…</c> (an IdentityBinding's form), <c>default-deny…</c> (the namespace deny-all), or any name
    /// that is not plain (<see cref="DistinctNames.IsPlain"/>).
    /// </summary>
    public static string ForDestination(IdentityRef destination)
    {
        var isAccount = destination.Kind == IdentityKind.ServiceAccount;
        var readable = isAccount ? $"smi-{destination.Name}" : $"smi-binding-{destination.Name}";
        var plain = isAccount
            ? DistinctNames.IsPlain(destination.Name, "binding", DefaultDenyPolicy["smi-".Length..])
            : DistinctNames.IsPlain(destination.Name);
        return Fit(plain ? readable : DistinctNames.WithHash(readable, destination.Kind.ToString(), destination.Name));
    }

    /// <summary>
    /// The AuthorizationPolicy of one workload of a destination whose ports differ by workload: the destination's
    /// readable name, the workload's name and always a hash of the three inputs, so it never equals a plain name nor
    /// another workload's.
    /// </summary>
    public static string ForDestinationWorkload(IdentityRef destination, string workload)
    {
        var readable = destination.Kind == IdentityKind.ServiceAccount
            ? $"smi-{destination.Name}-{workload}"
            : $"smi-binding-{destination.Name}-{workload}";
        return Fit(DistinctNames.WithHash(readable, destination.Kind.ToString(), destination.Name, workload));
    }

    /// <summary>
    /// Lower-cases a name and, when it is longer than 63 characters, truncates it and appends a hash of the whole.
    /// </summary>
    public static string Fit(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower.Length <= MaxLength)
        {
            return lower;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lower)))[..HashLength];
        var head = lower[..(MaxLength - HashLength - 1)].TrimEnd('-', '.');
        return $"{head}-{hash}";
    }
}
