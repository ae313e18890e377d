using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;

namespace Smi.Abstractions.Conversion;

/// <summary>Reads and writes TrafficTarget destinations and sources for every access version.</summary>
internal static class AccessIdentities
{
    /// <summary>
    /// Reads a destination or source. An empty kind reads as ServiceAccount; a kind the version does not allow is
    /// reported as an error, so the TrafficTarget stays out of the snapshot rather than granting the wrong identity.
    /// </summary>
    public static IdentityRef ToHub(
        string? kind,
        string? name,
        string? ns,
        string defaultNamespace,
        bool allowIdentityBinding,
        string path,
        string apiVersion,
        ConversionContext context)
    {
        var identityKind = IdentityKind.ServiceAccount;
        if (allowIdentityBinding && kind == "IdentityBinding")
        {
            identityKind = IdentityKind.IdentityBinding;
        }
        else if (!string.IsNullOrEmpty(kind) && kind != "ServiceAccount")
        {
            var allowed = allowIdentityBinding ? "ServiceAccount or IdentityBinding" : "ServiceAccount";
            context.Report(Diagnostic.Error(
                SmiReasons.InvalidSubjectKind,
                context.Object,
                $"{path}.kind",
                $"kind \"{kind}\" is not allowed in {apiVersion}; use {allowed}"));
        }

        return new IdentityRef(
            identityKind,
            name ?? string.Empty,
            string.IsNullOrEmpty(ns) ? defaultNamespace : ns,
            !string.IsNullOrEmpty(ns));
    }

    /// <summary>
    /// Whether a version can name the identity. ServiceAccount-only versions cannot hold an IdentityBinding: it is
    /// reported as lossy and the caller leaves it out (a left-out source only narrows access).
    /// </summary>
    public static bool CanWrite(
        IdentityRef identity, bool allowIdentityBinding, string path, string apiVersion, ConversionContext context)
    {
        if (identity.Kind == IdentityKind.IdentityBinding && !allowIdentityBinding)
        {
            context.ReportLossy(
                path,
                apiVersion,
                $"IdentityBinding {identity.Namespace}/{identity.Name} (only ServiceAccounts can be named before "
                    + "access v1alpha4)");
            return false;
        }

        return true;
    }

    /// <summary>The written namespace: only when the input named one.</summary>
    public static string? Namespace(IdentityRef identity) => identity.NamespaceWasSet ? identity.Namespace : null;

    /// <summary>The written kind.</summary>
    public static string Kind(IdentityRef identity) => identity.Kind.ToString();
}
