namespace Smi.Testing.ApiServer;

/// <summary>The resources the server serves: a fixed set of built-in kinds plus every installed CRD's served versions.</summary>
internal sealed class ResourceRegistry
{
    public const string CrdGroup = "apiextensions.k8s.io";

    public const string AdmissionGroup = "admissionregistration.k8s.io";

    private static readonly ResourceType[] BuiltIns =
    [
        Core("namespaces", "Namespace", namespaced: false, status: true, shortNames: ["ns"]),
        Core("services", "Service", status: true, returnDeleted: true, shortNames: ["svc"]),
        Core("serviceaccounts", "ServiceAccount", returnDeleted: true, shortNames: ["sa"]),
        Core("pods", "Pod", status: true, returnDeleted: true, shortNames: ["po"]),
        Core("events", "Event", shortNames: ["ev"]),
        Core("configmaps", "ConfigMap", shortNames: ["cm"]),
        Core("secrets", "Secret"),
        Core("endpoints", "Endpoints", shortNames: ["ep"]),
        Apps("deployments", "Deployment", ["deploy"]),
        Apps("statefulsets", "StatefulSet", ["sts"]),
        Apps("daemonsets", "DaemonSet", ["ds"]),
        Apps("replicasets", "ReplicaSet", ["rs"]),
        new() { Group = "coordination.k8s.io", Version = "v1", Plural = "leases", Singular = "lease", Kind = "Lease", Namespaced = true },
        new() { Group = "events.k8s.io", Version = "v1", Plural = "events", Singular = "event", Kind = "Event", Namespaced = true, ShortNames = ["ev"] },
        new() { Group = AdmissionGroup, Version = "v1", Plural = "validatingwebhookconfigurations", Singular = "validatingwebhookconfiguration", Kind = "ValidatingWebhookConfiguration", Namespaced = false },
        new()
        {
            Group = "apiregistration.k8s.io", Version = "v1", Plural = "apiservices", Singular = "apiservice",
            Kind = "APIService", Namespaced = false, HasStatus = true,
        },
        Rbac("roles", "Role", namespaced: true),
        Rbac("rolebindings", "RoleBinding", namespaced: true),
        Rbac("clusterroles", "ClusterRole", namespaced: false),
        Rbac("clusterrolebindings", "ClusterRoleBinding", namespaced: false),
        new() { Group = CrdGroup, Version = "v1", Plural = "customresourcedefinitions", Singular = "customresourcedefinition", Kind = "CustomResourceDefinition", Namespaced = false, HasStatus = true, ShortNames = ["crd", "crds"] },
    ];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, CrdDefinition> _crds = new(StringComparer.Ordinal);

    /// <summary>Finds the resource served at <c>group/version/plural</c>.</summary>
    public ResourceType? Find(string group, string version, string plural)
    {
        foreach (var type in BuiltIns)
        {
            if (type.Group == group && type.Version == version && type.Plural == plural)
            {
                return type;
            }
        }

        lock (_gate)
        {
            foreach (var crd in _crds.Values)
            {
                if (crd.Group == group && crd.Plural == plural && crd.Versions.FirstOrDefault(v => v.Name == version && v.Served) is { } served)
                {
                    return FromCrd(crd, served);
                }
            }
        }

        return null;
    }

    /// <summary>Whether any resource is served under the group version.</summary>
    public bool ServesGroupVersion(string group, string version) => GroupVersions().Any(g => g.Group == group && g.Versions.Contains(version));

    /// <summary>All resources served in one group version.</summary>
    public IReadOnlyList<ResourceType> InGroupVersion(string group, string version)
    {
        var result = BuiltIns.Where(t => t.Group == group && t.Version == version).ToList();
        lock (_gate)
        {
            foreach (var crd in _crds.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                if (crd.Group == group && crd.Versions.FirstOrDefault(v => v.Name == version && v.Served) is { } served)
                {
                    result.Add(FromCrd(crd, served));
                }
            }
        }

        return result;
    }

    /// <summary>Every non-core group with its served versions (preferred first) in a stable order: built-ins, then CRD groups by name.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions, string Preferred)> GroupVersions()
    {
        var groups = new List<(string Group, IReadOnlyList<string> Versions, string Preferred)>();
        foreach (var group in BuiltIns.Where(t => t.Group.Length > 0).Select(t => t.Group).Distinct())
        {
            groups.Add((group, ["v1"], "v1"));
        }

        lock (_gate)
        {
            foreach (var byGroup in _crds.Values.GroupBy(c => c.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                if (groups.Any(g => g.Group == byGroup.Key))
                {
                    continue;
                }

                var ordered = byGroup.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
                var versions = ordered.SelectMany(c => c.Versions).Where(v => v.Served).Select(v => v.Name).Distinct().ToList();
                if (versions.Count == 0)
                {
                    continue;
                }

                var preferred = ordered.SelectMany(c => c.Versions).FirstOrDefault(v => v.Served && v.Storage)?.Name ?? versions[0];
                versions.Remove(preferred);
                versions.Insert(0, preferred);
                groups.Add((byGroup.Key, versions, preferred));
            }
        }

        return groups;
    }

    /// <summary>Installs or replaces a CRD.</summary>
    public void Install(CrdDefinition crd)
    {
        lock (_gate)
        {
            _crds[crd.Name] = crd;
        }
    }

    /// <summary>Removes a CRD; returns it when it was installed.</summary>
    public CrdDefinition? Uninstall(string name)
    {
        lock (_gate)
        {
            return _crds.Remove(name, out var crd) ? crd : null;
        }
    }

    private static ResourceType FromCrd(CrdDefinition crd, CrdVersion version) => new()
    {
        Group = crd.Group,
        Version = version.Name,
        Plural = crd.Plural,
        Singular = crd.Singular,
        Kind = crd.Kind,
        Namespaced = crd.Namespaced,
        HasStatus = version.HasStatus,
        ReturnDeletedObject = true,
        ShortNames = crd.ShortNames,
        Crd = crd,
    };

    private static ResourceType Core(string plural, string kind, bool namespaced = true, bool status = false, bool returnDeleted = false, string[]? shortNames = null) => new()
    {
        Group = string.Empty,
        Version = "v1",
        Plural = plural,
        Singular = kind.ToLowerInvariant(),
        Kind = kind,
        Namespaced = namespaced,
        HasStatus = status,
        ReturnDeletedObject = returnDeleted,
        ShortNames = shortNames ?? [],
    };

    private static ResourceType Rbac(string plural, string kind, bool namespaced) => new()
    {
        Group = "rbac.authorization.k8s.io",
        Version = "v1",
        Plural = plural,
        Singular = kind.ToLowerInvariant(),
        Kind = kind,
        Namespaced = namespaced,
    };

    private static ResourceType Apps(string plural, string kind, string[] shortNames) => new()
    {
        Group = "apps",
        Version = "v1",
        Plural = plural,
        Singular = kind.ToLowerInvariant(),
        Kind = kind,
        Namespaced = true,
        HasStatus = true,
        ShortNames = shortNames,
    };
}
