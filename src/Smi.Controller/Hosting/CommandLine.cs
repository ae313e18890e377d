namespace Smi.Controller.Hosting;

/// <summary>The controller's command-line flags and the configuration keys they set.</summary>
public static class CommandLine
{
    /// <summary>
    /// Flag to key mappings for <c>AddCommandLine</c>; <c>--Controller:Key value</c> works for every other key.
    /// </summary>
    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(
        StringComparer.Ordinal)
    {
        ["--mesh"] = "Controller:Mesh",
        ["--namespaces"] = "Controller:Namespaces:0",
        ["--cluster-domain"] = "Controller:ClusterDomain",
        ["--trust-domain"] = "Controller:TrustDomain",
        ["--default-deny"] = "Controller:DefaultDeny",
        ["--dry-run"] = "Controller:DryRun",
        ["--watch-pods"] = "Controller:WatchPods",
        ["--leader-elect"] = "Controller:LeaderElection:Enabled",
        ["--lease-name"] = "Controller:LeaderElection:LeaseName",
        ["--lease-namespace"] = "Controller:LeaderElection:LeaseNamespace",
        ["--health-port"] = "Controller:HealthPort",
        ["--field-manager"] = "Controller:FieldManager",
        ["--secure-port"] = "Controller:SecurePort",
        ["--tls-dir"] = "Controller:Tls:CertificateDirectory",
        ["--prometheus-url"] = "Controller:Metrics:PrometheusUrl",
    };
}
