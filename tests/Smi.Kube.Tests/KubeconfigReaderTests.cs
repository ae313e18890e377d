using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CsCheck;
using k8s;
using k8s.Exceptions;
using Smi.Kube.Kubeconfig;
using Smi.Testing;

namespace Smi.Kube.Tests;

/// <summary>
/// <see cref="KubeconfigReader"/> gives the client configuration KubernetesClient's own kubeconfig loader gives, and
/// names the file, line and key of a field of the wrong shape.
/// </summary>
public sealed class KubeconfigReaderTests : IDisposable
{
    private static readonly string Seed = PropertySeed.Or("0KubeconfRd01");

    private static readonly Gen<string> Word = Gen.Char["abcdefghij0123456789-"].Array[1, 8]
        .Select(chars => "w" + new string(chars));

    private static readonly Gen<string?> MaybeWord = Gen.Select(Gen.Int[0, 2], Word, (i, word) => i == 0 ? null : word);

    private static readonly Gen<string> Cluster = Gen.Select(Gen.Int[1, 65535], Gen.Bool, MaybeWord,
        (port, skip, serverName) => $"""
              cluster:
                server: "https://127.0.0.1:{port}"
                insecure-skip-tls-verify: {(skip ? "true" : "false")}
            {Line("    tls-server-name", serverName)}
            """);

    private static readonly Gen<string> User = Gen.Select(MaybeWord, MaybeWord, MaybeWord, MaybeWord,
        Word.Array[0, 3], (token, user, password, impersonate, groups) => $"""
              user:
            {Line("    token", token)}
            {Line("    username", user)}
            {Line("    password", password)}
            {Line("    as", impersonate)}
                as-groups: [{string.Join(", ", groups.Select(g => $"\"{g}\""))}]
            """);

    /// <summary>
    /// Clusters and users named 0, 1, ...; contexts naming one of them (or, now and then, one that is not there);
    /// the current context one of the contexts, or absent, or unknown.
    /// </summary>
    private static readonly Gen<string> Config =
        from clusters in Cluster.Array[1, 3]
        from users in User.Array[1, 3]
        from contexts in Gen.Select(Gen.Int[0, clusters.Length], Gen.Int[0, users.Length], MaybeWord).Array[1, 3]
        from current in Gen.Int[-1, contexts.Length]
        select $"""
            apiVersion: v1
            kind: Config
            {(current < 0 ? string.Empty : $"current-context: c{current}")}
            clusters:
            {string.Join("\n", clusters.Select((cluster, i) => $"- name: k{i}\n{cluster}"))}
            users:
            {string.Join("\n", users.Select((user, i) => $"- name: u{i}\n{user}"))}
            contexts:
            {string.Join("\n", contexts.Select((context, i) => $"""
                - name: c{i}
                  context:
                    cluster: k{context.Item1}
                    user: u{context.Item2}
                {Line("    namespace", context.Item3)}
                """))}
            """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("smi-kubeconfig-");

    /// <summary>Random kubeconfigs: the same host, credentials, namespace and TLS settings, or the same
    /// error.</summary>
    [Fact]
    public void Gives_The_Configuration_Of_KubernetesClients_Loader()
    {
        var file = Path.Combine(_folder.FullName, "config");
        (string Expected, string Actual) Load(string yaml)
        {
            File.WriteAllText(file, yaml);
            return (Describe(() => KubernetesClientConfiguration.BuildConfigFromConfigFile(file)),
                Describe(() => KubeconfigFiles.Configuration([file], context: null)));
        }

        Config.Sample(
            yaml => Load(yaml) is var (expected, actual) && expected == actual,
            seed: Seed,
            iter: 300,
            threads: 1,
            print: yaml => Load(yaml) is var (expected, actual)
                ? $"{yaml}\nKubernetesClient: {expected}\nKubeconfigReader: {actual}"
                : yaml);
    }

    [Fact]
    public void Reads_Certificates_Relative_Paths_Impersonation_And_An_Exec_Plugin_As_KubernetesClient_Does()
    {
        var certs = Directory.CreateDirectory(Path.Combine(_folder.FullName, "certs"));
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest(
                "CN=test-ca", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var now = DateTimeOffset.UtcNow;
            using var ca = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
            File.WriteAllText(Path.Combine(certs.FullName, "ca.crt"), ca.ExportCertificatePem());
        }

        var plugin = Path.Combine(_folder.FullName, "plugin.sh");
        File.WriteAllText(plugin, """
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",'
            printf '"status":{"token":"%s"}}' "$TOKEN"
            """);
        var file = Path.Combine(_folder.FullName, "config");
        File.WriteAllText(file, $$"""
            apiVersion: v1
            kind: Config
            current-context: plugin
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority: certs/ca.crt
                tls-server-name: api.internal
            users:
            - name: plugin
              user:
                as: alice
                as-groups: [dev, ops]
                as-user-extra: {team: shop}
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: /bin/sh
                  args: ["{{plugin}}"]
                  env:
                  - name: TOKEN
                    value: from-the-plugin
            contexts:
            - name: plugin
              context: {cluster: c, user: plugin, namespace: shop}
            """);

        var expected = KubernetesClientConfiguration.BuildConfigFromConfigFile(file);
        var actual = KubeconfigFiles.Configuration([file], context: null);

        Assert.Equal("from-the-plugin", expected.AccessToken);
        Assert.Equal(Describe(() => expected), Describe(() => actual));
        Assert.Equal(expected.SslCaCerts.Single().Thumbprint, actual.SslCaCerts.Single().Thumbprint);
    }

    [Theory]
    [InlineData("users: {name: u}", 3, "users must be a list")]
    [InlineData("users:\n- name: u\n  user:\n    token: [a]", 6, "users[0].user.token must be a string")]
    [InlineData("clusters:\n- name: c\n  cluster: {server: s, insecure-skip-tls-verify: maybe}", 5,
        "clusters[0].cluster.insecure-skip-tls-verify must be true or false")]
    [InlineData("users:\n- name: u\n  user:\n    exec:\n      env:\n      - name: A\n        value: {b: c}", 9,
        "users[0].user.exec.env[0].value must be a string")]
    [InlineData("contexts:\n- just-a-name", 4, "contexts[0] must be a mapping")]
    public void A_Field_Of_The_Wrong_Shape_Is_Named_With_Its_File_And_Line(string body, int line, string message)
    {
        var file = Path.Combine(_folder.FullName, "config");
        File.WriteAllText(file, "apiVersion: v1\nkind: Config\n" + body + "\n");

        var error = Assert.Throws<KubeConfigException>(() => KubeconfigReader.Read(file));

        Assert.Equal($"{file}:{line}: {message}", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("- a list\n")]
    [InlineData("just text\n")]
    public void A_File_Without_A_Mapping_Is_Refused(string text)
    {
        var file = Path.Combine(_folder.FullName, "config");
        File.WriteAllText(file, text);

        var error = Assert.Throws<KubeConfigException>(() => KubeconfigReader.Read(file));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static string Line(string key, string? value) =>
        value is null ? string.Empty : $"{key}: \"{value}\"";

    /// <summary>What a client configuration says about the connection, or the error building it gave.</summary>
    private static string Describe(Func<KubernetesClientConfiguration> build)
    {
        KubernetesClientConfiguration c;
        try
        {
            c = build();
        }
        catch (KubeConfigException e)
        {
            return $"KubeConfigException: {e.Message}";
        }

        var text = new StringBuilder()
            .Append($"host={c.Host} context={c.CurrentContext} namespace={c.Namespace} token={c.AccessToken} ")
            .Append($"user={c.Username} password={c.Password} skip={c.SkipTlsVerify} tls-name={c.TlsServerName} ")
            .Append($"cert={c.ClientCertificateData} key={c.ClientCertificateKeyData} ")
            .Append($"cert-file={c.ClientCertificateFilePath} key-file={c.ClientKeyFilePath} ")
            .Append($"ca={c.SslCaCerts?.Count} token-provider={c.TokenProvider is not null}");
        return text.ToString();
    }
}
