namespace Smi.Testing.ApiServer;

/// <summary>The user a bearer token stands for, in <see cref="LoopbackApiServerOptions.Tokens"/>.</summary>
/// <param name="Name">The user name.</param>
/// <param name="Groups">The groups.</param>
public sealed record TokenUser(string Name, IReadOnlyList<string> Groups)
{
    /// <summary>
    /// A ServiceAccount as kube-apiserver authenticates its tokens: user <c>system:serviceaccount:NS:NAME</c> in the
    /// groups <c>system:serviceaccounts</c> and <c>system:serviceaccounts:NS</c>
    /// (https://kubernetes.io/docs/reference/access-authn-authz/authentication/#service-account-tokens).
    /// </summary>
    /// <param name="ns">The ServiceAccount's namespace.</param>
    /// <param name="name">The ServiceAccount's name.</param>
    public static TokenUser ServiceAccount(string ns, string name) =>
        new(ServiceAccountUserName(ns, name), ["system:serviceaccounts", "system:serviceaccounts:" + ns]);

    /// <summary>The user name of a ServiceAccount: <c>system:serviceaccount:NS:NAME</c>.</summary>
    /// <param name="ns">The ServiceAccount's namespace.</param>
    /// <param name="name">The ServiceAccount's name.</param>
    public static string ServiceAccountUserName(string ns, string name) => $"system:serviceaccount:{ns}:{name}";
}
