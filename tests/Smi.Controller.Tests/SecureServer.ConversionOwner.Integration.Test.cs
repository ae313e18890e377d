using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Smi.Controller.Hosting;
using Smi.Testing.ApiServer;
using Smi.Webhooks.Manifests;
using Smi.Webhooks.Tls;

namespace Smi.Controller.Tests;

/// <summary>
/// The SMI CRDs are cluster-wide and shared by every mesh's controller: only the one that owns conversion writes their
/// conversion webhook's CA bundle.
/// </summary>
public sealed partial class SecureServerIntegrationTest
{
    [Fact]
    public async Task Non_Owner_Leaves_The_Crd_Conversion_Untouched_While_The_Owner_Writes_Its_Ca_Bundle()
    {
        // The CRDs call the very Service of the non-owner, so only the setting keeps it from writing them.
        await using var setup = await Setup.StartAsync(output, o => o.Webhooks = new WebhookOptions
        {
            Namespace = Webhooks.Namespace,
            ServiceName = Webhooks.ServiceName,
            ValidatingWebhookConfigurationName = Webhooks.ValidatingWebhookConfigurationName,
            FailurePolicy = Webhooks.FailurePolicy,
            OwnsCrdConversion = false,
        });
        Assert.True(setup.Secure.Certificate!.SelfSigned);
        Assert.Contains(Webhooks.ValidatingWebhookConfigurationName, setup.Secure.CaBundleWrittenTo);
        Assert.Empty(setup.Secure.CaBundleWrittenTo.Intersect(WebhookManifests.CrdNames()));
        var seeded = WebhookManifests.Crds(Webhooks).ToDictionary(
            crd => crd["metadata"]!["name"]!.GetValue<string>(), crd => crd["spec"]!["conversion"]);
        foreach (var name in WebhookManifests.CrdNames())
        {
            var conversion = await ReadConversionAsync(setup.Client, name);
            Assert.True(
                JsonNode.DeepEquals(seeded[name], conversion),
                $"the non-owner changed the conversion of {name}: {conversion?.ToJsonString()}");
            Assert.Null(conversion?["webhook"]?["clientConfig"]?["caBundle"]);
        }

        var ownerOptions = ControllerHarness.TestOptions();
        ownerOptions.Identity = "owner";
        ownerOptions.SecureAddress = "127.0.0.1";
        ownerOptions.Tls.CertificateDirectory = null;
        ownerOptions.Webhooks = Webhooks;
        var ownerToken = setup.Server.IssueToken(TokenUser.ServiceAccount(InstalledRbac.Namespace, Installed.Name));
        using var ownerClient = setup.Server.CreateClient(ownerToken, TimeSpan.FromSeconds(5));
        var owner = new SecureServer(ownerOptions, ownerClient, setup.Directory, listenPort: 0);
        await using (owner)
        {
            await owner.StartAsync(CancellationToken.None);
            Assert.Superset(WebhookManifests.CrdNames().ToHashSet(), owner.CaBundleWrittenTo.ToHashSet());
            foreach (var name in WebhookManifests.CrdNames())
            {
                var bundle = (await ReadConversionAsync(setup.Client, name))?["webhook"]?["clientConfig"]?["caBundle"];
                Assert.NotNull(bundle);
                var pem = Encoding.ASCII.GetString(Convert.FromBase64String(bundle.GetValue<string>()));
                Assert.True(
                    WebhookCertificates.Verifies(pem, owner.Certificate!.Certificate, Webhooks.ServiceDnsName),
                    $"the caBundle of {name} does not verify the owner's certificate");
            }

            await owner.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<JsonNode?> ReadConversionAsync(Kubernetes client, string name)
    {
        var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name);
        return JsonNode.Parse(KubernetesJson.Serialize(crd))!["spec"]!["conversion"];
    }
}
