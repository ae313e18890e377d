using Microsoft.Extensions.Logging;

namespace Smi.Controller;

/// <summary>
/// The controller's log messages, with stable event ids: 1xxx lifecycle, 2xxx informers, 3xxx reconcile, 4xxx status,
/// 5xxx leader election, 6xxx the HTTPS server.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Controller started for mesh {Mesh} as {Identity} (dry run: {DryRun})")]
    public static partial void Started(ILogger logger, string mesh, string identity, bool dryRun);

    [LoggerMessage(1001, LogLevel.Information, "Controller stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(1002, LogLevel.Information, "Watching SMI kinds [{SmiKinds}] and output kinds [{OutputKinds}]")]
    public static partial void Discovered(ILogger logger, string smiKinds, string outputKinds);

    [LoggerMessage(
        1003, LogLevel.Warning,
        "Output kind {Kind} is not served by the cluster; outputs of that kind are neither applied nor pruned")]
    public static partial void OutputKindNotServed(ILogger logger, string kind);

    [LoggerMessage(
        1004, LogLevel.Warning,
        "Could not read the CRD of {Kind}; served versions come from discovery alone, and its objects get Events but " +
        "no status")]
    public static partial void StatusUnknown(ILogger logger, string kind, Exception error);

    [LoggerMessage(1005, LogLevel.Error, "A reconcile pass failed; its work is tried again after a pause")]
    public static partial void PassFailed(ILogger logger, Exception error);

    [LoggerMessage(1007, LogLevel.Information, "The CRD of output kind {Kind} is installed: watching and applying it")]
    public static partial void OutputKindAdded(ILogger logger, string kind);

    [LoggerMessage(
        1008,
        LogLevel.Warning,
        "Output kind {Kind} is no longer served: its CRD {Crd} was removed; "
            + "outputs of that kind are neither applied nor pruned")]
    public static partial void OutputKindRemoved(ILogger logger, string kind, string crd);

    [LoggerMessage(
        1100,
        LogLevel.Warning,
        "Permission missing: the API server refused to {Permission}; what needs it is held and reported, the rest "
            + "goes on ({Detail})")]
    public static partial void PermissionMissing(ILogger logger, string permission, string detail);

    [LoggerMessage(1101, LogLevel.Information, "Permission granted again: {Permission}")]
    public static partial void PermissionGranted(ILogger logger, string permission);

    [LoggerMessage(
        1102, LogLevel.Warning, "The Event about the missing permission to {Permission} was refused ({Status})")]
    public static partial void ControllerEventFailed(ILogger logger, string permission, int status);

    [LoggerMessage(
        3010,
        LogLevel.Warning,
        "Unit {Unit} is held, neither applied nor pruned: the controller may not {Permission}")]
    public static partial void UnitHeld(ILogger logger, string unit, string permission);

    [LoggerMessage(1006, LogLevel.Debug, "Retry {Attempt} in {Delay} after a transient API error")]
    public static partial void Retrying(ILogger logger, int attempt, TimeSpan delay, Exception? error);

    [LoggerMessage(
        2000, LogLevel.Debug, "Listed {Kind} in {Namespace}: {Count} objects at resource version {ResourceVersion}")]
    public static partial void Listed(
        ILogger logger, string kind, string @namespace, int count, string resourceVersion);

    [LoggerMessage(2001, LogLevel.Information, "Watch of {Kind} in {Namespace} expired (410 Gone); listing again")]
    public static partial void WatchExpired(ILogger logger, string kind, string @namespace);

    [LoggerMessage(
        2010,
        LogLevel.Information,
        "List of {Kind} in {Namespace} expired after {Pages} pages (410 on the continue token); listing again")]
    public static partial void ListContinueExpired(ILogger logger, string kind, string @namespace, int pages);

    [LoggerMessage(2002, LogLevel.Warning, "Watch of {Kind} in {Namespace} failed ({Failures} in a row); reopening")]
    public static partial void WatchFailed(
        ILogger logger, string kind, string @namespace, int failures, Exception error);

    [LoggerMessage(
        2003, LogLevel.Information, "Watch of {Kind} in {Namespace} sent an error ({Status}); listing again")]
    public static partial void WatchErrorEvent(ILogger logger, string kind, string @namespace, string status);

    [LoggerMessage(2004, LogLevel.Information, "Watch of {Kind} in {Namespace} went quiet; reopening")]
    public static partial void WatchQuiet(ILogger logger, string kind, string @namespace);

    [LoggerMessage(3000, LogLevel.Information, "Applied {Output} for {Unit}")]
    public static partial void Applied(ILogger logger, string output, string unit);

    [LoggerMessage(3001, LogLevel.Information, "Deleted {Output}: {Unit} no longer produces it")]
    public static partial void Pruned(ILogger logger, string output, string unit);

    [LoggerMessage(
        3002, LogLevel.Warning, "Reconciling {Unit} failed ({Failures} in a row); it is queued again with backoff")]
    public static partial void UnitRetry(ILogger logger, string unit, int failures, Exception error);

    [LoggerMessage(3003, LogLevel.Error, "The API server refused an output of {Unit} with {Status}: {Response}")]
    public static partial void UnitFailed(ILogger logger, string unit, int status, string response);

    [LoggerMessage(
        3005,
        LogLevel.Error,
        "Translating {Unit} failed ({Failures} in a row); it is queued again with backoff")]
    public static partial void TranslationFailed(ILogger logger, string unit, int failures, Exception error);

    [LoggerMessage(3004, LogLevel.Error, "The translator produced {Output}, a kind the controller does not watch")]
    public static partial void OutputKindUnknown(ILogger logger, string output);

    [LoggerMessage(3005, LogLevel.Information, "{Output} of {Unit} is being deleted; it is re-created once it is gone")]
    public static partial void OutputTerminating(ILogger logger, string output, string unit);

    [LoggerMessage(3007, LogLevel.Warning, "{Output} is not applied: {Reason}")]
    public static partial void OutputUndeclaredFields(ILogger logger, string output, string reason);

    [LoggerMessage(3006, LogLevel.Information, "Skipping {Namespace}: the namespace is being deleted")]
    public static partial void NamespaceTerminating(ILogger logger, string @namespace);

    [LoggerMessage(
        3008,
        LogLevel.Information,
        "{Output} of {Unit} differs from what the controller applies at {Fields}; applying it again")]
    public static partial void OutputDrifted(ILogger logger, string output, string unit, string fields);

    [LoggerMessage(
        3009,
        LogLevel.Information,
        "The API server changes {Output} on apply at {Fields} (defaulting or a mutating webhook); those fields "
            + "are not repaired until the output changes")]
    public static partial void OutputChangedByServer(ILogger logger, string output, string fields);

    [LoggerMessage(3100, LogLevel.Information, "Dry run: would apply {Output}: {Json}")]
    public static partial void DryRunApply(ILogger logger, string output, string json);

    [LoggerMessage(3101, LogLevel.Information, "Dry run: would delete {Output}")]
    public static partial void DryRunDelete(ILogger logger, string output);

    [LoggerMessage(3102, LogLevel.Information, "Dry run: would set the status of {Object}: {Patch}")]
    public static partial void DryRunStatus(ILogger logger, string @object, string patch);

    [LoggerMessage(3103, LogLevel.Information, "Dry run: would record a {Type} Event {Reason} on {Object}: {Message}")]
    public static partial void DryRunEvent(ILogger logger, string @object, string type, string reason, string message);

    [LoggerMessage(4000, LogLevel.Debug, "Status of {Object}: {Conditions}")]
    public static partial void StatusWritten(ILogger logger, string @object, string conditions);

    [LoggerMessage(4001, LogLevel.Warning, "Reporting on {Object} failed; it is tried again")]
    public static partial void ReportFailed(ILogger logger, string @object, Exception error);

    [LoggerMessage(5000, LogLevel.Information, "{Identity} is now the leader")]
    public static partial void BecameLeader(ILogger logger, string identity);

    [LoggerMessage(5001, LogLevel.Warning, "{Identity} lost leadership; it stops writing")]
    public static partial void LostLeadership(ILogger logger, string identity);

    [LoggerMessage(5002, LogLevel.Information, "The leader is {Leader}")]
    public static partial void NewLeader(ILogger logger, string leader);

    [LoggerMessage(5003, LogLevel.Warning, "Leader election failed; trying again")]
    public static partial void LeaderElectionFailed(ILogger logger, Exception error);

    [LoggerMessage(
        5007,
        LogLevel.Warning,
        "The Lease {Namespace}/{Name} cannot be read or written (HTTP {Status}); this instance "
            + "does not lead until RBAC allows get, create and update on it")]
    public static partial void LeasePermissionMissing(
        ILogger logger, string @namespace, string name, int status, Exception error);

    [LoggerMessage(
        5008,
        LogLevel.Warning,
        "The Lease {Namespace}/{Name} does not exist and creating it was refused; this instance does not lead until "
            + "RBAC allows create on leases in {Namespace} (and the namespace exists)")]
    public static partial void LeaseCreateRefused(ILogger logger, string @namespace, string name);

    [LoggerMessage(5004, LogLevel.Information, "{Identity} released the Lease {Namespace}/{Name} for a successor")]
    public static partial void LeaseReleased(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(5005, LogLevel.Warning, "Releasing the Lease failed; a successor leads once it expires")]
    public static partial void LeaseReleaseFailed(ILogger logger, Exception error);

    [LoggerMessage(5006, LogLevel.Warning, "{Identity} found the Lease held by {Holder}; it stops writing now")]
    public static partial void LeaseTakenOver(ILogger logger, string identity, string holder);

    [LoggerMessage(
        5007,
        LogLevel.Information,
        "Leadership ended during a pass; its remaining writes are left to the leader")]
    public static partial void WritesStopped(ILogger logger);

    [LoggerMessage(
        6000, LogLevel.Information,
        "Serving the webhooks and the TrafficMetrics API on {Url} (generated certificate: {Generated}, metrics " +
        "served: {MetricsServed})")]
    public static partial void SecureServing(ILogger logger, string url, bool generated, bool metricsServed);

    [LoggerMessage(6001, LogLevel.Information, "Wrote the generated CA bundle into [{Objects}]")]
    public static partial void CaBundleWritten(ILogger logger, string objects);

    [LoggerMessage(
        6002, LogLevel.Error,
        "Writing the generated CA bundle failed; the API server will not trust the webhooks until a bundle that " +
        "verifies them is in place")]
    public static partial void CaBundleFailed(ILogger logger, Exception error);

    [LoggerMessage(
        6010,
        LogLevel.Warning,
        "Reading [{Objects}] to write the CA bundle was forbidden (403); the API server will not trust the webhooks "
            + "through them until the controller may get and patch them")]
    public static partial void CaBundleForbidden(ILogger logger, string objects);

    [LoggerMessage(
        6003, LogLevel.Warning,
        "No certificate in {Directory}, so one was generated; with several replicas each generates its own CA and " +
        "only the last one written is trusted: mount a certificate")]
    public static partial void GeneratedCertificateWithReplicas(ILogger logger, string directory);

    [LoggerMessage(6004, LogLevel.Information, "TrafficMetrics API off: {Reason}")]
    public static partial void MetricsApiOff(ILogger logger, string reason);

    [LoggerMessage(
        6005,
        LogLevel.Information,
        "Front-proxy authentication from kube-system/extension-apiserver-authentication: CA {HasCa}, "
            + "allowed names [{AllowedNames}], user headers [{UserHeaders}]")]
    public static partial void RequestHeaderLoaded(ILogger logger, bool hasCa, string allowedNames, string userHeaders);

    [LoggerMessage(
        6006,
        LogLevel.Warning,
        "Reading kube-system/extension-apiserver-authentication failed; no caller is authenticated by front-proxy "
            + "certificate, only by bearer token")]
    public static partial void RequestHeaderFailed(ILogger logger, Exception error);

    [LoggerMessage(
        6009,
        LogLevel.Warning,
        "Reading kube-system/extension-apiserver-authentication again failed; the front-proxy configuration in use "
            + "is kept until the next read")]
    public static partial void RequestHeaderRefreshFailed(ILogger logger, Exception error);

    [LoggerMessage(6007, LogLevel.Warning, "A TokenReview failed; the caller gets 401")]
    public static partial void TokenReviewFailed(ILogger logger, Exception error);

    [LoggerMessage(6008, LogLevel.Error, "A SubjectAccessReview failed; the caller gets 500")]
    public static partial void AccessReviewFailed(ILogger logger, Exception error);
}
