using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Adapters.Consul.Resources;

namespace Smi.Adapters.Consul.Access;

/// <summary>
/// SMI's default deny: a <c>*</c> to <c>*</c> deny ServiceIntentions when the <c>defaultDeny</c> option is set
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-intentions), else a warning that
/// Consul allows what no intention names unless ACLs deny by default
/// (https://developer.hashicorp.com/consul/docs/connect/intentions).
/// </summary>
internal sealed class DefaultDenyTranslation(ConsulTranslationContext context)
{
    /// <summary>Writes the mesh-wide deny intention, or says that SMI's default deny is not reproduced.</summary>
    public void Translate()
    {
        var snapshot = context.Snapshot;
        var defaultDeny = context.Options.DefaultDeny;
        if (snapshot.AccessGrants.IsDefaultOrEmpty && !defaultDeny)
        {
            return;
        }

        var sources = snapshot.AccessGrants.Select(g => g.Source);
        if (!defaultDeny)
        {
            context.Report(UnitKey.Mesh, Diagnostic.Warning(
                SmiReasons.DefaultDenyDisabled,
                null,
                null,
                "SMI denies traffic that no TrafficTarget allows, but Consul allows it unless ACLs use "
                    + "default_policy = deny; set the defaultDeny option to write a '*' -> '*' deny "
                    + "ServiceIntentions, or enable ACLs with a deny default"));
            return;
        }

        var wildcardNamespace = context.Mirrored ? "*" : null;
        var intentions = new ServiceIntentions
        {
            Spec = new ServiceIntentionsSpec
            {
                Destination = new IntentionDestination { Name = "*", Namespace = wildcardNamespace },
                Sources =
                [
                    new IntentionSource { Name = "*", Namespace = wildcardNamespace, Action = IntentionActions.Deny },
                ],
            },
        };
        var ns = context.ConsulOptions.DefaultDenyNamespace;
        context.Output.Add(UnitKey.Mesh, intentions, IntentionNames.DefaultDeny, ns, sources);
    }
}
