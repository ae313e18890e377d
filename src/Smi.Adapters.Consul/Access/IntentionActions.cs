namespace Smi.Adapters.Consul.Access;

/// <summary>
/// The actions of an intention source or permission
/// (https://developer.hashicorp.com/consul/docs/connect/config-entries/service-intentions#sources).
/// </summary>
internal static class IntentionActions
{
    /// <summary>Lets the caller's requests through.</summary>
    public const string Allow = "allow";

    /// <summary>Refuses the caller's requests.</summary>
    public const string Deny = "deny";
}
