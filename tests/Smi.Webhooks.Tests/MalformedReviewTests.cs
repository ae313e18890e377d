using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Smi.Webhooks.Tls;

namespace Smi.Webhooks.Tests;

/// <summary>
/// Bodies that are not a well-formed review get 400 with a message naming the problem: never 500, never a stack trace
/// or a .NET type name.
/// </summary>
public sealed class MalformedReviewTests : IAsyncLifetime
{
    private const string DnsName = "smi-webhooks.smi-system.svc";
    private const string Split = """
        {"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"s","namespace":"shop"},
         "spec":{"service":"web","backends":[{"service":"web-v1","weight":1}]}}
        """;

    private WebhookHost _host = null!;
    private HttpClient _http = null!;

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "/convert", "{\"apiVersion\": ", "not valid JSON" },
        { "/validate", "not json at all", "not valid JSON" },
        { "/convert", "[1, 2]", "must be a ConversionReview object, not an array" },
        { "/validate", "\"AdmissionReview\"", "must be a AdmissionReview object" },
        { "/convert", Review("admission.k8s.io/v1", "ConversionReview", Conversion("u1")), "apiVersion must be" },
        { "/validate", Review("admission.k8s.io/v1beta2", "AdmissionReview", Admission("u1")), "apiVersion must be" },
        { "/convert", Review(Conv, "AdmissionReview", Conversion("u1")), "kind must be \"ConversionReview\"" },
        { "/validate", Review(Adm, 7, Admission("u1")), "kind must be \"AdmissionReview\", not a number" },
        { "/convert", Review(Conv, "ConversionReview", null), "request must be an object, not null" },
        { "/validate", Review(Adm, "AdmissionReview", "\"x\""), "request must be an object, not \"x\"" },
        { "/convert", Review(Conv, "ConversionReview", "{\"desiredAPIVersion\":\"x/v1\"}"), "request.uid" },
        { "/validate", Review(Adm, "AdmissionReview", Admission("")), "request.uid must be a non-empty string" },
        { "/validate", Review(Adm, "AdmissionReview", "{\"uid\":5}"), "request.uid must be a non-empty string" },
        {
            "/convert",
            Review(Conv, "ConversionReview", "{\"uid\":\"u\",\"desiredAPIVersion\":true,\"objects\":[]}"),
            "request.desiredAPIVersion has a value of the wrong type"
        },
        {
            "/convert",
            Review(Conv, "ConversionReview", "{\"uid\":\"u\",\"desiredAPIVersion\":\"x/v1\",\"objects\":\"all\"}"),
            "request.objects has a value of the wrong type"
        },
        {
            "/convert",
            Review(
                Conv,
                "ConversionReview",
                "{\"uid\":\"u\",\"desiredAPIVersion\":\"x/v1\",\"objects\":[" + Split + ",null]}"),
            "request.objects[1] must be an object, not null"
        },
        {
            "/validate",
            Review(Adm, "AdmissionReview", "{\"uid\":\"u\",\"operation\":\"CREATE\",\"dryRun\":\"yes\"}"),
            "request.dryRun has a value of the wrong type"
        },
        {
            "/validate",
            Review(Adm, "AdmissionReview", "{\"uid\":\"u\",\"operation\":\"CREATE\",\"object\":[1]}"),
            "request.object must be an object, not an array"
        },
        {
            "/validate",
            Review(Adm, "AdmissionReview", "{\"uid\":\"u\",\"operation\":3}"),
            "request.operation has a value of the wrong type"
        },
    };

    private const string Conv = "apiextensions.k8s.io/v1";
    private const string Adm = "admission.k8s.io/v1";

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
    [MemberData(nameof(Malformed))]
    public async Task Malformed_Review_Gets_400_Naming_The_Problem(string path, string body, string expected)
    {
        var (status, message) = await PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"service":"web","backends":[null]}""")]
    [InlineData("""{"service":"web","backends":"web-v1"}""")]
    [InlineData("""{"service":["web"],"backends":[{"service":5,"weight":"x"}]}""")]
    [InlineData("""{"service":"web","backends":[{"service":"web-v1","weight":null}],"matches":[null]}""")]
    public async Task Objects_With_Nulls_Or_Fields_Of_The_Wrong_Type_Are_Refused_In_Words_Never_500(string spec)
    {
        var split = "{\"apiVersion\":\"split.smi-spec.io/v1alpha4\",\"kind\":\"TrafficSplit\","
            + "\"metadata\":{\"name\":\"s\",\"namespace\":\"shop\"},\"spec\":" + spec + "}";
        var conversion = Review(
            Conv,
            "ConversionReview",
            "{\"uid\":\"u\",\"desiredAPIVersion\":\"split.smi-spec.io/v1alpha2\",\"objects\":[" + split + "]}");
        var admission = Review(
            Adm,
            "AdmissionReview",
            "{\"uid\":\"u\",\"operation\":\"CREATE\",\"kind\":{\"group\":\"split.smi-spec.io\","
            + "\"version\":\"v1alpha4\",\"kind\":\"TrafficSplit\"},\"object\":" + split + "}");

        foreach (var (path, body) in new[] { ("/convert", conversion), ("/validate", admission) })
        {
            var (status, message) = await PostAsync(path, body);
            Assert.True(
                status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{path} answered {status}: {message}");
            Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);

            // A readable review is answered with a refusal in the review itself, naming the field.
            if (status == HttpStatusCode.OK)
            {
                Assert.Contains("spec.", message, StringComparison.Ordinal);
                Assert.DoesNotContain("\"allowed\":true", message, StringComparison.Ordinal);
                Assert.DoesNotContain("\"status\":\"Success\"", message, StringComparison.Ordinal);
            }
        }
    }

    private static string Review(string apiVersion, object kind, string? request) =>
        "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":"
        + (kind is string text ? "\"" + text + "\"" : kind.ToString())
        + (request is null ? string.Empty : ",\"request\":" + request) + "}";

    private static string Conversion(string uid) =>
        "{\"uid\":\"" + uid + "\",\"desiredAPIVersion\":\"split.smi-spec.io/v1alpha2\",\"objects\":[" + Split + "]}";

    private static string Admission(string uid) =>
        "{\"uid\":\"" + uid + "\",\"operation\":\"CREATE\",\"object\":" + Split + "}";

    private async Task<(HttpStatusCode Status, string Message)> PostAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
