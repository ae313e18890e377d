using System.Text.Json.Nodes;
using Smi.Kube.Rbac;
using Smi.Webhooks.Manifests;

namespace Smi.Cli.Install;

/// <summary>
/// Everything a cluster needs to run the controller for one mesh: the SMI CRDs (served in every version through the
/// conversion webhook; only when this installation owns conversion), a ServiceAccount, least-privilege RBAC, the
/// auth-delegation bindings, the Deployment and its
/// Services, a NetworkPolicy, a PodDisruptionBudget (more than one replica), the validating webhook, the TrafficMetrics
/// APIServices (unless turned off) and, with cert-manager, the Certificate and its Issuer.
/// </summary>
/// <remarks>
/// Every object except the Namespace and the CRDs carries the mesh in its name, so two meshes installed in one
/// namespace share nothing else. The CRDs are cluster-wide and their conversion webhook calls one Service, hence
/// <see cref="InstallSettings.CrdConversion"/>: only the owner's install emits them and only its controller writes
/// their CA bundle. The APIService names are cluster-wide too (<c>&lt;version&gt;.metrics.smi-spec.io</c>), hence
/// <see cref="InstallSettings.MetricsApi"/>. No APIService skips TLS verification: the controller writes its CA bundle
/// into them, or cert-manager's CA injector does.
/// </remarks>
internal static class InstallManifests
{
    public const int HealthPort = 8080;
    public const int SecurePort = 8443;
    public const string PartOfLabel = "app.kubernetes.io/part-of";
    public const string PartOfValue = "smi-adapter";

    /// <summary>The numeric user of the controller image (the .NET runtime images' <c>app</c> user).</summary>
    public const int ControllerUserId = 1654;

    public static IReadOnlyList<JsonObject> Build(InstallSettings settings)
    {
        var name = $"smi-adapter-{settings.Mesh}";
        var webhook = WebhookOptionsFor(settings);
        var podLabels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["app.kubernetes.io/name"] = name,
            [PartOfLabel] = PartOfValue,
        };
        var leaseName = $"smi-adapter-{settings.Mesh}";
        var adapters = MeshRegistration.Adapters();
        var rules = ControllerRbac.For(adapters, settings.Mesh, settings.AccessControl);
        var (clusterRules, namespaceRules) = SplitRules(rules, leaseName);
        var caBundleRules = settings.CertManagerCertificate is null ? WebhookRbac.Rules(webhook) : [];
        var objects = new List<JsonObject>
        {
            new()
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = settings.Namespace },
            },
        };
        if (settings.CrdConversion)
        {
            objects.AddRange(WebhookManifests.Crds(webhook));
        }

        objects.Add(Metadata("v1", "ServiceAccount", name, settings.Namespace));
        if (settings.Namespaces.Count > 0)
        {
            objects.AddRange(NamespacedRbac.Objects(settings, name, clusterRules, namespaceRules, caBundleRules));
        }
        else
        {
            var clusterRole = Metadata("rbac.authorization.k8s.io/v1", "ClusterRole", name, null);
            objects.Add(WithRules(clusterRole, clusterRules.Concat(caBundleRules)));
            objects.Add(Binding("ClusterRoleBinding", "ClusterRole", name, null, settings.Namespace));
            var role = Metadata("rbac.authorization.k8s.io/v1", "Role", name, settings.Namespace);
            objects.Add(WithRules(role, namespaceRules));
            objects.Add(Binding("RoleBinding", "Role", name, settings.Namespace, settings.Namespace));
            objects.AddRange(InstallSecurity.AuthDelegationBindings(name, settings.Namespace));
        }

        objects.Add(Deployment(settings, name, podLabels, webhook));
        objects.Add(Metadata("v1", "Service", $"{name}-metrics", settings.Namespace, new JsonObject
        {
            ["selector"] = Map(podLabels),
            ["ports"] = new JsonArray(
                new JsonObject
                {
                    ["name"] = "http-metrics",
                    ["port"] = HealthPort,
                    ["targetPort"] = "health",
                    ["protocol"] = "TCP",
                }),
        }));
        objects.Add(
            WebhookManifests.Service(
                webhook, new Dictionary<string, string> { [PartOfLabel] = PartOfValue }, SecurePort));
        objects.Add(WebhookManifests.ValidatingWebhookConfiguration(webhook));
        objects.Add(InstallSecurity.NetworkPolicy(name, settings, podLabels, HealthPort, SecurePort));
        if (settings.Replicas > 1)
        {
            objects.Add(InstallSecurity.PodDisruptionBudget(name, settings.Namespace, podLabels));
        }

        if (settings.MetricsApi)
        {
            objects.AddRange(MetricsApiServices(webhook));
        }

        if (settings.CertManagerCertificate is not null)
        {
            objects.AddRange(InstallSecurity.CertManagerObjects(settings, webhook));
        }

        return objects;
    }

    /// <summary>The webhook settings of one mesh's installation: its own Service and webhook configuration.</summary>
    public static WebhookOptions WebhookOptionsFor(InstallSettings settings) => new()
    {
        Namespace = settings.Namespace,
        ServiceName = $"smi-adapter-{settings.Mesh}-webhooks",
        ValidatingWebhookConfigurationName = $"smi-adapter-{settings.Mesh}-validation",
        ApiServiceNames = settings.MetricsApi ? ["v1alpha1.metrics.smi-spec.io", "v1alpha2.metrics.smi-spec.io"] : [],
        OwnsCrdConversion = settings.CrdConversion,
        CertManagerCertificate = settings.CertManagerCertificate,
    };

    /// <summary>
    /// Leases live in the controller's namespace only; everything else is cluster-wide. Reading and renewing the Lease
    /// is granted for its name only; <c>create</c> cannot be limited by name in RBAC, so it is a rule of its own.
    /// </summary>
    public static (IReadOnlyList<JsonObject> Cluster, IReadOnlyList<JsonObject> Namespaced) SplitRules(
        IEnumerable<RbacRule> rules, string leaseName)
    {
        var cluster = new List<JsonObject>();
        var namespaced = new List<JsonObject>();
        foreach (var rule in rules)
        {
            var json = new JsonObject
            {
                ["apiGroups"] = new JsonArray(rule.Group),
                ["resources"] = new JsonArray(rule.Resource),
                ["verbs"] = new JsonArray([.. rule.Verbs.Select(v => (JsonNode)v)]),
            };
            if (rule.Resource != "leases")
            {
                cluster.Add(json);
                continue;
            }

            var named = rule.Verbs.Where(v => v != "create").ToList();
            if (rule.Verbs.Contains("create"))
            {
                var create = (JsonObject)json.DeepClone();
                create["verbs"] = new JsonArray("create");
                namespaced.Add(create);
            }

            json["resourceNames"] = new JsonArray(leaseName);
            json["verbs"] = new JsonArray([.. named.Select(v => (JsonNode)v)]);
            namespaced.Add(json);
        }

        return (cluster, namespaced);
    }

    private static JsonObject Deployment(
        InstallSettings settings, string name, SortedDictionary<string, string> podLabels, WebhookOptions webhook)
    {
        var args = new JsonArray(
            $"--mesh={settings.Mesh}", "--leader-elect=true", $"--lease-namespace={settings.Namespace}",
            $"--health-port={HealthPort}");
        if (settings.DefaultDeny)
        {
            args.Add("--default-deny=true");
        }

        if (settings.Namespaces.Count > 0)
        {
            args.Add($"--namespaces={string.Join(',', settings.Namespaces)}");
        }

        var env = new JsonArray(
            new JsonObject
            {
                ["name"] = "SMI_Controller__SecurePort",
                ["value"] = SecurePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            new JsonObject
            {
                ["name"] = "SMI_Controller__Tls__CertificateDirectory",
                ["value"] = "/etc/smi-adapter/tls",
            },
            new JsonObject { ["name"] = "SMI_Controller__Webhooks__Namespace", ["value"] = settings.Namespace },
            new JsonObject { ["name"] = "SMI_Controller__Webhooks__ServiceName", ["value"] = webhook.ServiceName },
            new JsonObject
            {
                ["name"] = "SMI_Controller__Webhooks__ValidatingWebhookConfigurationName",
                ["value"] = webhook.ValidatingWebhookConfigurationName,
            },
            new JsonObject
            {
                ["name"] = "SMI_Controller__Identity",
                ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.name" } },
            });
        if (!settings.CrdConversion)
        {
            env.Add(new JsonObject { ["name"] = "SMI_Controller__Webhooks__OwnsCrdConversion", ["value"] = "false" });
        }

        if (settings.AccessControl is { } accessControl
            && MeshRegistration.Adapters().Find(settings.Mesh) is { } adapter)
        {
            foreach (var (key, value) in adapter.AccessControlSettings(accessControl))
            {
                env.Add(new JsonObject
                {
                    ["name"] = $"SMI_Adapters__{adapter.ConfigurationSection}__{key}",
                    ["value"] = value,
                });
            }
        }

        if (settings.PrometheusUrl is not null)
        {
            env.Add(
                new JsonObject
                {
                    ["name"] = "SMI_Controller__Metrics__PrometheusUrl",
                    ["value"] = settings.PrometheusUrl,
                });
        }

        var tlsVolume = new JsonObject { ["name"] = "tls" };
        if (settings.CertManagerCertificate is not null)
        {
            tlsVolume["secret"] = new JsonObject
            {
                ["secretName"] = settings.CertManagerCertificate[
                    (settings.CertManagerCertificate.IndexOf('/', StringComparison.Ordinal) + 1)..],
                ["optional"] = true,
            };
        }
        else
        {
            tlsVolume["emptyDir"] = new JsonObject();
        }

        return Metadata("apps/v1", "Deployment", name, settings.Namespace, new JsonObject
        {
            ["replicas"] = settings.Replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = Map(podLabels) },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = Map(podLabels) },
                ["spec"] = new JsonObject
                {
                    ["serviceAccountName"] = name,
                    ["securityContext"] = new JsonObject
                    {
                        ["runAsNonRoot"] = true,
                        ["runAsUser"] = ControllerUserId,
                        ["runAsGroup"] = ControllerUserId,
                        ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
                    },
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "controller",
                        ["image"] = settings.Image,
                        ["args"] = args,
                        ["env"] = env,
                        ["ports"] = new JsonArray(
                            new JsonObject
                            {
                                ["name"] = "health",
                                ["containerPort"] = HealthPort,
                                ["protocol"] = "TCP",
                            },
                            new JsonObject
                            {
                                ["name"] = "https",
                                ["containerPort"] = SecurePort,
                                ["protocol"] = "TCP",
                            }),
                        ["livenessProbe"] = Probe("/healthz"),
                        ["readinessProbe"] = Probe("/readyz"),
                        ["resources"] = new JsonObject
                        {
                            ["requests"] = new JsonObject { ["cpu"] = "50m", ["memory"] = "128Mi" },
                            ["limits"] = new JsonObject { ["memory"] = "512Mi" },
                        },
                        ["securityContext"] = new JsonObject
                        {
                            ["allowPrivilegeEscalation"] = false,
                            ["readOnlyRootFilesystem"] = true,
                            ["runAsNonRoot"] = true,
                            ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
                        },
                        ["volumeMounts"] = new JsonArray(
                            new JsonObject { ["name"] = "tmp", ["mountPath"] = "/tmp" },
                            new JsonObject
                            {
                                ["name"] = "tls",
                                ["mountPath"] = "/etc/smi-adapter/tls",
                                ["readOnly"] = true,
                            }),
                    }),
                    ["volumes"] = new JsonArray(
                        new JsonObject { ["name"] = "tmp", ["emptyDir"] = new JsonObject() }, tlsVolume),
                },
            },
        });
    }

    private static IEnumerable<JsonObject> MetricsApiServices(WebhookOptions webhook) =>
        new[] { ("v1alpha1", 10), ("v1alpha2", 20) }.Select(v =>
        {
            var service = Metadata(
                "apiregistration.k8s.io/v1", "APIService", $"{v.Item1}.metrics.smi-spec.io", null,
                new JsonObject
                {
                    ["group"] = "metrics.smi-spec.io",
                    ["version"] = v.Item1,
                    ["groupPriorityMinimum"] = 1000,
                    ["versionPriority"] = v.Item2,
                    ["service"] = new JsonObject
                    {
                        ["namespace"] = webhook.Namespace,
                        ["name"] = webhook.ServiceName,
                        ["port"] = webhook.Port,
                    },
                });
            // No insecureSkipTLSVerify: the controller writes its CA bundle here, or cert-manager's CA injector does.
            if (webhook.CertManagerCertificate is not null)
            {
                ((JsonObject)service["metadata"]!)["annotations"] = new JsonObject
                {
                    [WebhookManifests.CertManagerInjectAnnotation] = webhook.CertManagerCertificate,
                };
            }

            return service;
        });

    private static JsonObject Probe(string path) => new()
    {
        ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = "health" },
        ["periodSeconds"] = 10,
    };

    internal static JsonObject Binding(string kind, string roleKind, string name, string? ns, string subjectNamespace)
    {
        var binding = Metadata("rbac.authorization.k8s.io/v1", kind, name, ns);
        binding["roleRef"] = new JsonObject
        {
            ["apiGroup"] = "rbac.authorization.k8s.io",
            ["kind"] = roleKind,
            ["name"] = name,
        };
        binding["subjects"] = new JsonArray(
            new JsonObject { ["kind"] = "ServiceAccount", ["name"] = name, ["namespace"] = subjectNamespace });
        return binding;
    }

    internal static JsonObject WithRules(JsonObject role, IEnumerable<JsonObject> rules)
    {
        role["rules"] = new JsonArray([.. rules.Select(r => (JsonNode)r.DeepClone())]);
        return role;
    }

    internal static JsonObject Metadata(
        string apiVersion, string kind, string name, string? ns, JsonObject? spec = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
        if (spec is not null)
        {
            obj["spec"] = spec;
        }

        return obj;
    }

    internal static JsonObject Map(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new([.. pairs.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]);
}
