namespace Smi.Adapters.Consul;

/// <summary>The stable reason codes of the diagnostics the Consul translator reports.</summary>
internal static class ConsulReasons
{
    /// <summary>
    /// A Consul service name is used in more than one Kubernetes namespace while Consul namespaces are off.
    /// </summary>
    public const string ConsulNameCollision = "ConsulNameCollision";

    /// <summary>A split or A/B route on a service whose protocol is not HTTP-family.</summary>
    public const string SplitNeedsHttp = "SplitNeedsHttp";

    /// <summary>The root and backends of a split declare different protocols.</summary>
    public const string InconsistentProtocols = "InconsistentProtocols";

    /// <summary>An A/B split that would send matching requests to several weighted backends.</summary>
    public const string WeightedMatchUnsupported = "WeightedMatchUnsupported";

    /// <summary>A root with both a ServiceRouter and a ServiceSplitter: unmatched requests are split too.</summary>
    public const string RouterAndSplitterShareRoot = "RouterAndSplitterShareRoot";

    /// <summary>
    /// A backend lacks a port of the root: SMI leaves it out of that port's split, which needs per-port splitting;
    /// a ServiceSplitter splits a service on all its ports alike.
    /// </summary>
    public const string PerPortSplitUnsupported = "PerPortSplitUnsupported";

    /// <summary>A TrafficTarget restricts ports, which Consul intentions cannot.</summary>
    public const string PortRestrictionUnsupported = "PortRestrictionUnsupported";

    /// <summary>HTTP route rules on a destination whose protocol is not HTTP-family.</summary>
    public const string L7RulesNeedHttp = "L7RulesNeedHttp";

    /// <summary>
    /// The Consul service name of some pods of a ServiceAccount cannot be told (no Service and no
    /// <c>consul.hashicorp.com/connect-service</c> annotation, or several Services), or is shared with the pods of
    /// another ServiceAccount; nothing is written for them.
    /// </summary>
    public const string ConsulServiceNameUnresolved = "ConsulServiceNameUnresolved";

    /// <summary>
    /// No workload of a ServiceAccount is in the input; its Consul service name is taken to be its own.
    /// </summary>
    public const string ConsulServiceNameAssumed = "ConsulServiceNameAssumed";

    /// <summary>
    /// Pods register under a Consul service name that is not their ServiceAccount's, which ACLs refuse.
    /// </summary>
    public const string ConsulServiceNameNotServiceAccount = "ConsulServiceNameNotServiceAccount";

    /// <summary>
    /// A grant allows ports other than the one the pods' Consul service is registered with; the transparent proxy
    /// forwards every inbound connection to that one port, so the others are never reached.
    /// </summary>
    public const string ConsulServicePortOnly = "ConsulServicePortOnly";

    /// <summary>
    /// A grant allows whole connections to a service whose Consul protocol is HTTP-family: only HTTP gets through.
    /// </summary>
    public const string ConsulConnectionsNeedHttp = "ConsulConnectionsNeedHttp";

    /// <summary>No Service in the input selects the pods of a Consul service, so its protocol cannot be told.</summary>
    public const string ConsulProtocolUnknown = "ConsulProtocolUnknown";
}
