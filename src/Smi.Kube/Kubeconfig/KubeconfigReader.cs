using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace Smi.Kube.Kubeconfig;

/// <summary>
/// Reads a kubeconfig file into KubernetesClient's model (<see cref="K8SConfiguration"/>) from YamlDotNet's
/// representation model, field by field, with the keys KubernetesClient's model declares.
/// </summary>
/// <remarks>
/// KubernetesClient reads a kubeconfig through <c>KubernetesYaml</c>, a reflection-based YamlDotNet deserializer
/// whose set-up (<c>WithAttributeOverride</c> for every model type) and object creation (<c>Activator</c> on
/// constructed generic lists) a natively compiled (Native AOT) controller cannot run; this reader needs neither, and
/// names the file, line and key of a field of the wrong shape. Keys the model does not have are ignored, as
/// KubernetesClient ignores them; <c>extensions</c> and <c>preferences</c>, which KubernetesClient never reads, are
/// not read.
/// </remarks>
internal static class KubeconfigReader
{
    /// <summary>Reads one kubeconfig file; relative paths in it are left as written.</summary>
    /// <exception cref="KubeConfigException">A field has the wrong shape, or the file holds no mapping.</exception>
    /// <exception cref="YamlDotNet.Core.YamlException">The file is not valid YAML.</exception>
    public static K8SConfiguration Read(string file)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(file))
        {
            stream.Load(reader);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new KubeConfigException($"{file}: the file holds no kubeconfig (a YAML mapping)");
        }

        var fields = new Fields(file, root, string.Empty);
        return new K8SConfiguration
        {
            ApiVersion = fields.String("apiVersion"),
            Kind = fields.String("kind"),
            CurrentContext = fields.String("current-context"),
            Clusters = fields.List("clusters", cluster => new Cluster
            {
                Name = cluster.String("name"),
                ClusterEndpoint = cluster.Mapping("cluster") is { } endpoint
                    ? new ClusterEndpoint
                    {
                        Server = endpoint.String("server"),
                        CertificateAuthority = endpoint.String("certificate-authority"),
                        CertificateAuthorityData = endpoint.String("certificate-authority-data"),
                        TlsServerName = endpoint.String("tls-server-name"),
                        SkipTlsVerify = endpoint.Boolean("insecure-skip-tls-verify"),
                    }
                    : null,
            }),
            Users = fields.List("users", user => new User
            {
                Name = user.String("name"),
                UserCredentials = user.Mapping("user") is { } credentials ? ReadCredentials(credentials) : null,
            }),
            Contexts = fields.List("contexts", context => new Context
            {
                Name = context.String("name"),
                ContextDetails = context.Mapping("context") is { } details
                    ? new ContextDetails
                    {
                        Cluster = details.String("cluster"),
                        User = details.String("user"),
                        Namespace = details.String("namespace"),
                    }
                    : null,
            }),
        };
    }

    private static UserCredentials ReadCredentials(Fields credentials) => new()
    {
        ClientCertificateData = credentials.String("client-certificate-data"),
        ClientCertificate = credentials.String("client-certificate"),
        ClientKeyData = credentials.String("client-key-data"),
        ClientKey = credentials.String("client-key"),
        Token = credentials.String("token"),
        Impersonate = credentials.String("as"),
        ImpersonateGroups = credentials.Strings("as-groups") ?? [],
        ImpersonateUserExtra = credentials.StringMap("as-user-extra") ?? [],
        UserName = credentials.String("username"),
        Password = credentials.String("password"),
        AuthProvider = credentials.Mapping("auth-provider") is { } provider
            ? new AuthProvider { Name = provider.String("name"), Config = provider.StringMap("config") }
            : null,
        ExternalExecution = credentials.Mapping("exec") is { } exec
            ? new ExternalExecution
            {
                ApiVersion = exec.String("apiVersion"),
                Command = exec.String("command"),
                Arguments = exec.Strings("args"),
                EnvironmentVariables = exec.List("env", variable => variable.AsStringMap()),
                InstallHint = exec.String("installHint"),
                ProvideClusterInfo = exec.Boolean("provideClusterInfo"),
            }
            : null,
    };

    /// <summary>The fields of one mapping of the file, with the path that names it in errors.</summary>
    private sealed class Fields(string file, YamlMappingNode node, string path)
    {
        public string? String(string key) => Value(key) switch
        {
            null => null,
            YamlScalarNode scalar => scalar.Value,
            var other => throw Wrong(key, other, "a string"),
        };

        public bool Boolean(string key) => Value(key) switch
        {
            null => false,
            YamlScalarNode { Value: var text } scalar => bool.TryParse(text, out var value)
                ? value
                : throw Wrong(key, scalar, "true or false"),
            var other => throw Wrong(key, other, "true or false"),
        };

        public Fields? Mapping(string key) => Value(key) switch
        {
            null => null,
            YamlMappingNode mapping => new Fields(file, mapping, Child(key)),
            var other => throw Wrong(key, other, "a mapping"),
        };

        public List<string>? Strings(string key) => Sequence(key)?
            .Select((item, index) => item is YamlScalarNode scalar
                ? scalar.Value ?? string.Empty
                : throw Wrong($"{key}[{index}]", item, "a string"))
            .ToList();

        public List<T>? List<T>(string key, Func<Fields, T> read) => Sequence(key)?
            .Select((item, index) => item is YamlMappingNode mapping
                ? read(new Fields(file, mapping, Child($"{key}[{index}]")))
                : throw Wrong($"{key}[{index}]", item, "a mapping"))
            .ToList();

        public Dictionary<string, string>? StringMap(string key) => Mapping(key)?.AsStringMap();

        /// <summary>This mapping, whose keys and values must all be strings.</summary>
        public Dictionary<string, string> AsStringMap()
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in node.Children)
            {
                var text = name is YamlScalarNode { Value: { } key } ? key : throw Wrong("(key)", name, "a string");
                map[text] = value is YamlScalarNode scalar
                    ? scalar.Value ?? string.Empty
                    : throw Wrong(text, value, "a string");
            }

            return map;
        }

        private IEnumerable<YamlNode>? Sequence(string key) => Value(key) switch
        {
            null => null,
            YamlSequenceNode sequence => sequence.Children,
            var other => throw Wrong(key, other, "a list"),
        };

        /// <summary>The value of a key; null when absent or YAML null (<c>~</c>, <c>null</c> or nothing).</summary>
        private YamlNode? Value(string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            && !(value is YamlScalarNode { Style: not YamlDotNet.Core.ScalarStyle.SingleQuoted
                and not YamlDotNet.Core.ScalarStyle.DoubleQuoted, Value: "" or "~" or "null" or "Null" or "NULL" })
                ? value
                : null;

        private string Child(string key) => path.Length == 0 ? key : $"{path}.{key}";

        private KubeConfigException Wrong(string key, YamlNode found, string expected) =>
            new($"{file}:{found.Start.Line}: {Child(key)} must be {expected}");
    }
}
