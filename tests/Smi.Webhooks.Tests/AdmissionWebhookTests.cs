using System.Text.Json.Nodes;
using Smi.Abstractions.Conversion;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Testing;
using Smi.Webhooks.Admission;
using Smi.Webhooks.Reviews;

namespace Smi.Webhooks.Tests;

public sealed class AdmissionWebhookTests
{
    private static readonly SmiAdmissionWebhook Webhook = new();

    private static AdmissionReview Request(JsonObject obj, string operation = "CREATE", string? ns = "shop") => new()
    {
        Request = new AdmissionRequest { Uid = "uid-1", Operation = operation, Namespace = ns, Object = obj },
    };

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    /// <summary>Every SMI object of the samples and golden inputs that the foundation finds no error in.</summary>
    public static TheoryData<string> ValidSources()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Samples, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(RepositoryPaths.TestData, "input.yaml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ValidSources))]
    public void Accepts_Every_Valid_Sample(string relativePath)
    {
        var loaded = new ManifestLoader().LoadPaths([Path.Combine(RepositoryPaths.Root, relativePath)]);
        var snapshot = new SnapshotBuilder().Add(loaded).Build();
        var invalid = snapshot.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.Reason == "UnknownField")
            .Select(d => d.Object)
            .ToHashSet();
        var admitted = 0;
        foreach (var obj in loaded.Objects.Where(o => SmiVersions.IsSmiGroup(o.Ref.ApiVersion) && !invalid.Contains(o.Ref)))
        {
            var review = Webhook.Review(Request(obj.Json, ns: obj.Ref.Namespace));
            Assert.True(review.Response!.Allowed, $"{obj.Ref} in {relativePath} was refused: {review.Response.Status?.Message}");
            admitted++;
        }

        Assert.True(admitted > 0 || loaded.Objects.All(o => !SmiVersions.IsSmiGroup(o.Ref.ApiVersion) || invalid.Contains(o.Ref)));
    }

    public static TheoryData<string, string, string> InvalidCases() => new()
    {
        {
            """{"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"web"},"spec":{"service":"web","backends":[{"service":"a","weight":-1}]}}""",
            "spec.backends[0].weight",
            "negative"
        },
        {
            """{"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"web"},"spec":{"service":"web","backends":[]}}""",
            "spec.backends",
            "at least one backend"
        },
        {
            """{"apiVersion":"split.smi-spec.io/v1alpha2","kind":"TrafficSplit","metadata":{"name":"web"},"spec":{"backends":[{"service":"a","weight":1}]}}""",
            "spec.service",
            "root Service"
        },
        {
            """{"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"web"},"spec":{"service":"web","backends":[{"service":"a","weight":0},{"service":"b","weight":0}]}}""",
            "spec.backends",
            "every backend has weight 0"
        },
        {
            """{"apiVersion":"split.smi-spec.io/v1alpha2","kind":"TrafficSplit","metadata":{"name":"web"},"spec":{"service":"web","backends":[{"service":"a","weight":"heavy"}]}}""",
            "spec.backends[0].weight",
            "expected"
        },
        {
            """{"apiVersion":"specs.smi-spec.io/v1alpha4","kind":"HTTPRouteGroup","metadata":{"name":"r"},"spec":{"matches":[{"name":"a","methods":["FETCH"]}]}}""",
            "spec.matches[0].methods[0]",
            "FETCH"
        },
        {
            """{"apiVersion":"specs.smi-spec.io/v1alpha4","kind":"HTTPRouteGroup","metadata":{"name":"r"},"spec":{"matches":[{"name":"a"},{"name":"a"}]}}""",
            "spec.matches[1].name",
            "used twice"
        },
        {
            """{"apiVersion":"specs.smi-spec.io/v1alpha4","kind":"TCPRoute","metadata":{"name":"t"},"spec":{"matches":{"ports":[70000]}}}""",
            "spec.matches.ports[0]",
            "1-65535"
        },
        {
            """{"apiVersion":"access.smi-spec.io/v1alpha3","kind":"TrafficTarget","metadata":{"name":"tt"},"spec":{"destination":{"kind":"ServiceAccount","name":"api"},"rules":[{"kind":"TCPRoute","name":"t"}],"sources":[]}}""",
            "spec.sources",
            "at least one source"
        },
        {
            """{"apiVersion":"access.smi-spec.io/v1alpha3","kind":"TrafficTarget","metadata":{"name":"tt"},"spec":{"destination":{"kind":"ServiceAccount","name":"api","port":8080},"rules":[{"kind":"TCPRoute","name":"t"}],"sources":[{"kind":"ServiceAccount","name":"web"}]}}""",
            "spec.destination.port",
            "has no field"
        },
        {
            """{"apiVersion":"access.smi-spec.io/v1alpha4","kind":"IdentityBinding","metadata":{"name":"b"},"spec":{"schemes":{"serviceAccount":"a","podLabelSelector":{"matchLabels":{"app":"x"}}}}}""",
            "spec.schemes",
            "mutually exclusive"
        },
        {
            """{"apiVersion":"split.smi-spec.io/v1alpha9","kind":"TrafficSplit","metadata":{"name":"web"},"spec":{}}""",
            "apiVersion",
            "v1alpha9"
        },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Refuses_Each_Invalid_Case_Naming_The_Field(string json, string field, string words)
    {
        var review = Webhook.Review(Request(Parse(json)));
        var response = review.Response!;
        Assert.Equal("uid-1", response.Uid);
        Assert.False(response.Allowed);
        Assert.Equal("Failure", response.Status!.Status);
        Assert.Equal(400, response.Status.Code);
        Assert.Contains(field + ":", response.Status.Message, StringComparison.Ordinal);
        Assert.Contains(words, response.Status.Message, StringComparison.Ordinal);
        Assert.Contains("shop/", response.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_Lists_One_Cause_Per_Field()
    {
        var review = Webhook.Review(Request(Parse("""{"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"web"},"spec":{"service":"web","backends":[{"service":"a","weight":-1},{"service":"a","weight":2}]}}""")));
        var causes = review.Response!.Status!.Details!["causes"]!.AsArray();
        Assert.Contains(causes, c => c!["field"]!.GetValue<string>() == "spec.backends[0].weight");
        Assert.Contains(causes, c => c!["field"]!.GetValue<string>() == "spec.backends[1].service");
    }

    [Fact]
    public void Missing_Route_Groups_Are_Warnings_Not_Refusals()
    {
        var split = Parse("""{"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"web"},"spec":{"service":"web","matches":[{"kind":"HTTPRouteGroup","name":"canary-users"}],"backends":[{"service":"a","weight":1}]}}""");
        var response = Webhook.Review(Request(split)).Response!;
        Assert.True(response.Allowed);
        var warning = Assert.Single(response.Warnings!);
        Assert.Contains("spec.matches[0].name", warning, StringComparison.Ordinal);
        Assert.Contains("RouteGroupNotFound", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_From_The_Host_Resolve_References()
    {
        var group = new Abstractions.Resources.Specs.V1Alpha4.HTTPRouteGroup
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = "canary-users", NamespaceProperty = "shop" },
            Spec = new Abstractions.Resources.Specs.V1Alpha4.HttpRouteGroupSpec { Matches = [new Abstractions.Resources.Specs.V1Alpha4.HttpMatch { Name = "all", PathRegex = "/" }] },
        };
        var service = new k8s.Models.V1Service { Metadata = new k8s.Models.V1ObjectMeta { Name = "web", NamespaceProperty = "shop" } };
        var webhook = new SmiAdmissionWebhook(ns => ns == "shop" ? [group, service] : []);
        var split = Parse("""{"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"web"},"spec":{"service":"web","matches":[{"kind":"HTTPRouteGroup","name":"canary-users"}],"backends":[{"service":"web","weight":1}]}}""");
        var response = webhook.Review(Request(split)).Response!;
        Assert.True(response.Allowed);
        Assert.DoesNotContain(response.Warnings ?? [], w => w.Contains("NotFound", StringComparison.Ordinal));
    }

    [Fact]
    public void Delete_Is_Always_Allowed()
    {
        var review = new AdmissionReview { Request = new AdmissionRequest { Uid = "d", Operation = "DELETE", OldObject = Parse("""{"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"web"},"spec":{}}""") } };
        Assert.True(Webhook.Review(review).Response!.Allowed);
    }

    [Fact]
    public void Other_Groups_And_Status_Writes_Are_Allowed()
    {
        Assert.True(Webhook.Review(Request(Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":"b"}}"""))).Response!.Allowed);
        var status = Request(Parse("""{"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"web"},"spec":{}}"""), "UPDATE");
        status.Request!.SubResource = "status";
        Assert.True(Webhook.Review(status).Response!.Allowed);
    }

    [Fact]
    public void Update_Is_Validated_Like_Create()
    {
        var review = Webhook.Review(Request(Parse("""{"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"web"},"spec":{"service":"web","backends":[]}}"""), "UPDATE"));
        Assert.False(review.Response!.Allowed);
    }

    [Fact]
    public void Headers_In_Either_Encoding_Are_Accepted()
    {
        foreach (var headers in new[] { """{"user-agent":".*Android.*"}""", """[{"user-agent":".*Android.*"}]""" })
        {
            var group = Parse("""{"apiVersion":"specs.smi-spec.io/v1alpha4","kind":"HTTPRouteGroup","metadata":{"name":"r"},"spec":{"matches":[{"name":"android","headers":""" + headers + "}]}}");
            Assert.True(Webhook.Review(Request(group)).Response!.Allowed);
        }
    }
}
