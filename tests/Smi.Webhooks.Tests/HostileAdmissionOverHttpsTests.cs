using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Smi.Abstractions.Serialization;
using Smi.Testing;
using Smi.Webhooks.Tls;

namespace Smi.Webhooks.Tests;

/// <summary>
/// The hostile-value table (<see cref="HostileValues"/>) posted as AdmissionReviews over HTTPS to the running
/// <c>/validate</c> endpoint, as the API server sends them: each is answered 200 with <c>allowed: false</c> and a
/// status message naming the field, within a bounded time, never 500.
/// </summary>
public sealed class HostileAdmissionOverHttpsTests : IAsyncLifetime
{
    private const string DnsName = "smi-webhooks.smi-system.svc";

    private static readonly TimeSpan MaxAnswerTime = TimeSpan.FromSeconds(10);

    private WebhookHost _host = null!;
    private HttpClient _http = null!;

    public static TheoryData<string> Labels => [.. HostileValues.All.Select(c => c.Label)];

    public async Task InitializeAsync()
    {
        _host = await WebhookHost.StartAsync(WebhookCertificates.CreateSelfSigned([DnsName]));
        _http = _host.CreateVerifiedClient(DnsName);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public async Task HostileObject_IsDenied_NamingTheField(string label)
    {
        var hostile = HostileValues.All.Single(c => c.Label == label);
        var json = (JsonObject)Assert.Single(new ManifestLoader().LoadText(hostile.Yaml, "request").Objects).Json;
        var uid = Guid.NewGuid().ToString();

        var clock = Stopwatch.StartNew();
        using var content = new StringContent(Review(uid, json).ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(new Uri("/validate", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.True(clock.Elapsed < MaxAnswerTime, $"answered in {clock.Elapsed}");
        var answer = JsonNode.Parse(body)!["response"]!;
        Assert.Equal(uid, (string?)answer["uid"]);
        Assert.False((bool)answer["allowed"]!);
        var message = (string?)answer["status"]?["message"] ?? string.Empty;
        Assert.True(message.Contains($"{hostile.Field}: ", StringComparison.Ordinal), message);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
    }

    /// <summary>An AdmissionReview of a CREATE, with the request fields the API server sets.</summary>
    private static JsonObject Review(string uid, JsonObject obj)
    {
        var apiVersion = (string)obj["apiVersion"]!;
        var (group, version) = (apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)],
            apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        var kind = (string)obj["kind"]!;
        var resource = kind.ToLowerInvariant() + "s";
        return new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = uid,
                ["kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
                ["resource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = resource },
                ["name"] = obj["metadata"]?["name"]?.DeepClone(),
                ["namespace"] = obj["metadata"]?["namespace"]?.DeepClone(),
                ["operation"] = "CREATE",
                ["userInfo"] = new JsonObject { ["username"] = "system:admin" },
                ["object"] = obj.DeepClone(),
                ["dryRun"] = false,
            },
        };
    }
}
