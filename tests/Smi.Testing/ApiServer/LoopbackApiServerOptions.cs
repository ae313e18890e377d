namespace Smi.Testing.ApiServer;

/// <summary>Settings of a <see cref="LoopbackApiServer"/>.</summary>
public sealed class LoopbackApiServerOptions
{
    /// <summary>How many changes the event log keeps for watch replay; older resource versions get 410 Gone. Default 1000.</summary>
    public int WatchHistoryLimit { get; set; } = 1000;

    /// <summary>How often a quiet watch with <c>allowWatchBookmarks</c> gets a BOOKMARK. Default 1 second.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest a watch stays open when the client sends no <c>timeoutSeconds</c>. Default 5 minutes.</summary>
    public TimeSpan MaxWatchDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a request held by <see cref="FaultInjector.HangNext(string, int)"/> is kept before the connection is dropped. Default 2 minutes.</summary>
    public TimeSpan MaxHang { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether creating a namespaced object needs its namespace to exist (as in a real cluster). Default true.</summary>
    public bool RequireNamespaces { get; set; } = true;

    /// <summary>Namespaces that exist from the start. Default: default, kube-system, kube-public, kube-node-lease.</summary>
    public IReadOnlyList<string> Namespaces { get; set; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>CRD files or folders installed at start (see <see cref="LoopbackApiServer.InstallCrds(string[])"/>).</summary>
    public IReadOnlyList<string> CrdPaths { get; set; } = [];

    /// <summary>
    /// Where webhooks configured with a <c>clientConfig.service</c>, and APIServices with a <c>service</c>, are
    /// reached: <c>namespace/name</c> to a base URL such
    /// as <c>https://127.0.0.1:5443</c> (the service path is appended; its port is not used). The served certificate must
    /// still carry <c>&lt;name&gt;.&lt;namespace&gt;.svc</c> and be verified by the configuration's caBundle.
    /// </summary>
    public IDictionary<string, Uri> WebhookServices { get; } = new Dictionary<string, Uri>(StringComparer.Ordinal);

    /// <summary>
    /// Bearer tokens TokenReviews accept and the aggregation layer authenticates callers with, and the users they stand
    /// for (<c>system:authenticated</c> is added to the groups). A request to an aggregated API without a token is
    /// <c>system:anonymous</c>; with an unknown token it gets 401.
    /// </summary>
    public IDictionary<string, TokenUser> Tokens { get; } = new Dictionary<string, TokenUser>(StringComparer.Ordinal);

    /// <summary>
    /// Whether every request must carry a bearer token from <see cref="Tokens"/> (or
    /// <see cref="LoopbackApiServer.AdminToken"/>) and be allowed by the RBAC objects stored in the server, as
    /// kube-apiserver with <c>--authorization-mode=RBAC</c> and <c>--anonymous-auth=false</c>: a missing or
    /// unknown token is 401, a request no rule allows is 403. The default roles the install refers to are created at
    /// start (<c>cluster-admin</c>, <c>system:discovery</c>, <c>system:auth-delegator</c>, ...). Default true: a test
    /// that turns it off says why in <see cref="RbacOffReason"/>.
    /// </summary>
    public bool EnforceRbac { get; set; } = true;

    /// <summary>
    /// Why <see cref="EnforceRbac"/> is off; required when it is (the server refuses to start without a reason), so
    /// every server that accepts anonymous requests says why it must.
    /// </summary>
    public string? RbacOffReason { get; set; }

    /// <summary>
    /// The rules SubjectAccessReviews are answered from when the stored RBAC objects do not allow the request; none
    /// allows nothing.
    /// </summary>
    public IList<AccessRule> AccessRules { get; } = [];

    /// <summary>
    /// Whether to publish <c>kube-system/extension-apiserver-authentication</c> with the front proxy's CA and headers
    /// at
    /// start (when <c>kube-system</c> is among <see cref="Namespaces"/>), as kube-apiserver does. Default true.
    /// </summary>
    public bool PublishFrontProxyAuthentication { get; set; } = true;

    /// <summary>The clock for timestamps. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
