namespace Smi.Cli.Explain;

/// <summary>
/// One end of a request given to <c>smi explain --from/--to</c>: a ServiceAccount, a Service, or a workload (a Pod,
/// Deployment, StatefulSet, DaemonSet or ReplicaSet), written <c>[NAMESPACE/]NAME</c> for the default kind or
/// <c>[NAMESPACE/]KIND/NAME</c> with KIND as kubectl names it (<c>pod</c>, <c>po</c>, <c>deploy</c>, <c>sa</c>, ...).
/// </summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Kind">The kind: <c>ServiceAccount</c>, <c>Service</c>, <c>Pod</c>, <c>Deployment</c>, ...</param>
/// <param name="Name">The name.</param>
internal sealed record AccessEndpoint(string Namespace, string Kind, string Name)
{
    /// <summary>The kinds an endpoint may name, by every name kubectl accepts for them.</summary>
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["serviceaccount"] = "ServiceAccount",
        ["serviceaccounts"] = "ServiceAccount",
        ["sa"] = "ServiceAccount",
        ["service"] = "Service",
        ["services"] = "Service",
        ["svc"] = "Service",
        ["pod"] = "Pod",
        ["pods"] = "Pod",
        ["po"] = "Pod",
        ["deployment"] = "Deployment",
        ["deployments"] = "Deployment",
        ["deploy"] = "Deployment",
        ["statefulset"] = "StatefulSet",
        ["statefulsets"] = "StatefulSet",
        ["sts"] = "StatefulSet",
        ["daemonset"] = "DaemonSet",
        ["daemonsets"] = "DaemonSet",
        ["ds"] = "DaemonSet",
        ["replicaset"] = "ReplicaSet",
        ["replicasets"] = "ReplicaSet",
        ["rs"] = "ReplicaSet",
    };

    /// <summary>Whether the endpoint is a workload (the pods of one object), not a ServiceAccount or Service.</summary>
    public bool IsWorkload => Kind is not ("ServiceAccount" or "Service");

    /// <summary>
    /// Reads <c>[NS/]NAME</c> or <c>[NS/]KIND/NAME</c>. Two parts are <c>KIND/NAME</c> when the first is a kind
    /// kubectl knows, else <c>NS/NAME</c>; three parts are always <c>NS/KIND/NAME</c>.
    /// </summary>
    /// <returns>The endpoint, or null with <paramref name="error"/> set.</returns>
    public static AccessEndpoint? Parse(string text, string defaultNamespace, string defaultKind, out string? error)
    {
        error = null;
        var parts = text.Split('/');
        if (parts.Any(p => p.Length == 0) || parts.Length > 3)
        {
            error = $"\"{text}\": expected [NAMESPACE/]NAME or [NAMESPACE/]KIND/NAME";
            return null;
        }

        var (ns, kind, name) = parts.Length switch
        {
            1 => (defaultNamespace, defaultKind, parts[0]),
            2 when Kinds.ContainsKey(parts[0]) => (defaultNamespace, parts[0], parts[1]),
            2 => (parts[0], defaultKind, parts[1]),
            _ => (parts[0], parts[1], parts[2]),
        };
        if (!Kinds.TryGetValue(kind, out var canonical))
        {
            error = $"\"{text}\": unknown kind \"{kind}\"; use serviceaccount (sa), service (svc), pod (po), "
                + "deployment (deploy), statefulset (sts), daemonset (ds) or replicaset (rs)";
            return null;
        }

        return new AccessEndpoint(ns, canonical, name);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} {Namespace}/{Name}";
}
