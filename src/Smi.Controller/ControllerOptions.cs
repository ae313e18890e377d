using Smi.Kube;
using Smi.Webhooks.Manifests;

namespace Smi.Controller;

/// <summary>
/// The controller's settings. The host binds them from the <c>Controller</c> configuration section (appsettings.json,
/// environment variables with the <c>SMI_</c> prefix and command-line flags).
/// </summary>
public sealed class ControllerOptions
{
    /// <summary>The configuration section the host binds.</summary>
    public const string SectionName = "Controller";

    /// <summary>The mesh to translate for; one of the registered adapters, for example <c>istio</c>.</summary>
    public string Mesh { get; set; } = string.Empty;

    /// <summary>The namespaces to watch; empty watches all namespaces.</summary>
    public IList<string> Namespaces { get; set; } = [];

    /// <summary>
    /// With <see cref="Namespaces"/> set: how often each of them is read (<c>get</c>, which a Role in that namespace
    /// allows) to notice it being deleted, instead of a cluster-wide watch of Namespaces. Default 30 seconds.
    /// </summary>
    public TimeSpan NamespacePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The cluster DNS domain. Default <c>cluster.local</c>.</summary>
    public string ClusterDomain { get; set; } = "cluster.local";

    /// <summary>The mesh trust domain. Default <c>cluster.local</c>.</summary>
    public string TrustDomain { get; set; } = "cluster.local";

    /// <summary>Whether to reproduce SMI's deny-by-default with the mesh's own means.</summary>
    public bool DefaultDeny { get; set; }

    /// <summary>Whether to log the changes the controller would make and write nothing.</summary>
    public bool DryRun { get; set; }

    /// <summary>Whether to watch Pods as well as Deployments, StatefulSets and DaemonSets. Default off.</summary>
    public bool WatchPods { get; set; }

    /// <summary>The field manager name for server-side apply. Default <c>smi-adapter</c>.</summary>
    public string FieldManager { get; set; } = ControllerConventions.FieldManager;

    /// <summary>
    /// The identity this instance reports in Events and holds the Lease with; default the host name and process id.
    /// </summary>
    public string? Identity { get; set; }

    /// <summary>Leader election settings.</summary>
    public LeaderElectionOptions LeaderElection { get; set; } = new();

    /// <summary>
    /// The port of <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> on all interfaces; 0 turns the endpoint off.
    /// Default 8080.
    /// </summary>
    public int HealthPort { get; set; } = 8080;

    /// <summary>
    /// The address the health endpoint listens on. Default <c>0.0.0.0</c> (all interfaces, for the kubelet's probes).
    /// </summary>
    public string HealthAddress { get; set; } = "0.0.0.0";

    /// <summary>
    /// The HTTPS port of the conversion webhook (<c>/convert</c>), the admission webhook (<c>/validate</c>) and the
    /// TrafficMetrics API (<c>/apis/metrics.smi-spec.io/…</c>); 0 turns the server off. Default 8443.
    /// </summary>
    public int SecurePort { get; set; } = 8443;

    /// <summary>The address the HTTPS server listens on. Default <c>0.0.0.0</c>.</summary>
    public string SecureAddress { get; set; } = "0.0.0.0";

    /// <summary>The serving certificate's source.</summary>
    public ControllerTlsOptions Tls { get; set; } = new();

    /// <summary>The HTTPS server's request bounds and the lifetime of the API server's review answers.</summary>
    public SecureServingOptions SecureServing { get; set; } = new();

    /// <summary>
    /// The Service the API server calls the webhooks through (its <c>&lt;service&gt;.&lt;namespace&gt;.svc</c> name is
    /// on a generated certificate) and the ValidatingWebhookConfiguration a generated CA bundle is written into.
    /// </summary>
    public WebhookOptions Webhooks { get; set; } = new();

    /// <summary>The TrafficMetrics API's Prometheus.</summary>
    public TrafficMetricsApiOptions Metrics { get; set; } = new();

    /// <summary>
    /// The least time from the start of one reconcile pass to the start of the next. Zero by default: the first change
    /// after a quiet spell starts a pass at once, and the changes that arrive while it runs are taken together by the
    /// next pass, which starts as soon as it ends. A positive value only spaces passes that follow each other.
    /// </summary>
    public TimeSpan Debounce { get; set; }

    /// <summary>
    /// How often every unit is reconciled again even without a change; zero turns it off. Default 10 minutes.
    /// </summary>
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long one API request may take before it counts as failed and is retried. Default 30 seconds.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the server may keep a watch open before the controller opens a new one. Default 5 minutes.
    /// </summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many objects one list request asks for; the rest come in further pages. 0 lists in one request. Default
    /// 500, client-go's page size.
    /// </summary>
    public int ListPageSize { get; set; } = 500;

    /// <summary>
    /// How many writes (output applies and prunes, status patches, Events) a pass keeps in flight at once, each unit's
    /// and each SMI object's own writes still one after another and in order. Default 8; 1 writes one at a time.
    /// </summary>
    public int MaxConcurrentWrites { get; set; } = 8;

    /// <summary>
    /// How often one request is retried (with exponential backoff and jitter) before the unit goes back to the queue.
    /// Default 4.
    /// </summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first retry delay; later ones grow exponentially. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest a failing unit waits in the queue before its next attempt. Default 5 minutes.</summary>
    public TimeSpan MaxQueueBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The values of the <c>smi-adapter.io/mesh</c> label the translator writes; empty means just <see cref="Mesh"/>.
    /// An adapter that delegates part of its output to another (gateway-api with Istio or Linkerd access control)
    /// writes that adapter's label too. Outputs with these labels are watched and pruned.
    /// </summary>
    public IList<string> OutputMeshLabels { get; set; } = [];

    /// <summary>
    /// Output kinds to watch and prune. Left empty, the host fills in those of the mesh's adapter (and of the adapter
    /// it delegates access control to), as registered.
    /// </summary>
    public IList<ResourceKind> OutputKinds { get; set; } = [];

    /// <summary>
    /// Whether to watch CustomResourceDefinitions, so an output kind whose CRD is installed while the controller runs
    /// is picked up without a restart, and one whose CRD is removed is reported. Default on; needs list and watch on
    /// <c>customresourcedefinitions</c>.
    /// </summary>
    public bool WatchCrds { get; set; } = true;
}
