using Smi.Abstractions.Translation;
using Smi.Adapters.Consul.Resources;

namespace Smi.Adapters.Consul.Access;

/// <summary>The object names of the ServiceIntentions this adapter writes.</summary>
internal static class IntentionNames
{
    /// <summary>The name of the mesh-wide deny intention.</summary>
    public const string DefaultDeny = "smi-default-deny";

    /// <summary>
    /// The object name of a destination's ServiceIntentions: the service name, with a hash suffix when that name is
    /// reserved (the mesh-wide <see cref="DefaultDeny"/>) or looks hashed, so user input never produces it.
    /// </summary>
    /// <param name="service">The destination's Consul service name.</param>
    /// <returns>The object name.</returns>
    public static string ForDestination(string service) =>
        DistinctNames.IsPlain(service.Replace('.', '-'), DefaultDeny)
            ? service
            : DistinctNames.WithHash(service, ServiceIntentions.KubeKind, service);
}
