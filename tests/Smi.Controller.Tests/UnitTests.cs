using System.Net;
using k8s.Autorest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polly.Timeout;
using Smi.Abstractions.Snapshot;
using Smi.Controller.Hosting;
using Smi.Controller.Reconcile;
using Smi.Controller.Resilience;
using Smi.Kube.Rbac;

namespace Smi.Controller.Tests;

public sealed class UnitTests
{
    [Theory]
    [InlineData("SplitRoot/shop/web", UnitKind.SplitRoot, "shop", "web")]
    [InlineData("AccessDestination/shop/ServiceAccount/api", UnitKind.AccessDestination, "shop", "ServiceAccount/api")]
    [InlineData("Namespace/shop/", UnitKind.Namespace, "shop", "")]
    [InlineData("Mesh//", UnitKind.Mesh, "", "")]
    public void Unit_Annotation_Round_Trips(string text, UnitKind kind, string ns, string name)
    {
        var unit = ControllerCore.ParseUnit(text);
        Assert.Equal(new UnitKey(kind, ns, name), unit);
        Assert.Equal(text, Abstractions.Translation.GeneratedMetadata.FormatUnit(unit!));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bogus/shop/web")]
    [InlineData("SplitRoot/shop")]
    [InlineData("7/shop/web")]
    public void Rejects_Malformed_Unit_Annotation(string? text) => Assert.Null(ControllerCore.ParseUnit(text));

    [Fact]
    public void Queue_Holds_A_Key_Once_And_Backs_Off_Failures()
    {
        var time = new ManualTime();
        var queue = new UnitQueue(time, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
        var a = UnitKey.ForSplitRoot("shop", "a");
        var b = UnitKey.ForSplitRoot("shop", "b");
        queue.Add(a);
        queue.Add(a);
        queue.Add(b);
        Assert.Equal(2, queue.Count);
        Assert.Equal([a, b], queue.TakeDue());
        Assert.Equal(0, queue.Count);

        queue.AddRateLimited(a);
        Assert.Empty(queue.TakeDue());
        time.Advance(TimeSpan.FromSeconds(1.3));
        Assert.Equal([a], queue.TakeDue());

        queue.AddRateLimited(a);
        queue.AddRateLimited(a);
        queue.AddRateLimited(a);
        queue.AddRateLimited(a);
        Assert.Equal(5, queue.Failures(a));
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Empty(queue.TakeDue());
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal([a], queue.TakeDue());

        // A change while a unit waits makes it due at once; success resets the backoff.
        queue.AddRateLimited(a);
        queue.Add(a);
        Assert.Equal([a], queue.TakeDue());
        queue.Forget(a);
        Assert.Equal(0, queue.Failures(a));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.Conflict, true)]
    [InlineData(HttpStatusCode.Gone, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.UnprocessableEntity, false)]
    public void Classifies_Http_Errors(HttpStatusCode status, bool transient)
    {
        var error = new HttpOperationException { Response = new HttpResponseMessageWrapper(new HttpResponseMessage(status), string.Empty) };
        Assert.Equal(transient, TransientErrors.IsTransient(error));
    }

    /// <summary>
    /// kube-apiserver answers a server-side apply with a field the CRD does not declare with HTTP 500
    /// (kubernetes/kubernetes#122480): that answer is permanent, any other 500 is transient.
    /// </summary>
    [Fact]
    public void A_500_For_A_Field_Not_Declared_In_Schema_Is_Permanent()
    {
        const string Body = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"failed to create typed patch
            object (shop/web; networking.istio.io/v1, Kind=VirtualService): .spec.x: field not declared in schema",
            "code":500}
            """;
        var schema = new HttpOperationException
        {
            Response = new HttpResponseMessageWrapper(
                new HttpResponseMessage(HttpStatusCode.InternalServerError), Body),
        };
        var other = new HttpOperationException
        {
            Response = new HttpResponseMessageWrapper(
                new HttpResponseMessage(HttpStatusCode.InternalServerError), """{"message":"etcdserver: timeout"}"""),
        };

        Assert.False(TransientErrors.IsTransient(schema));
        Assert.True(TransientErrors.IsSchemaRejection(schema));
        Assert.True(TransientErrors.IsTransient(other));
        Assert.False(TransientErrors.IsSchemaRejection(other));
    }

    [Fact]
    public void Classifies_Other_Errors()
    {
        Assert.True(TransientErrors.IsTransient(new TimeoutRejectedException()));
        Assert.True(TransientErrors.IsTransient(new HttpRequestException()));
        Assert.True(TransientErrors.IsTransient(new IOException()));
        Assert.True(TransientErrors.IsTransient(new TaskCanceledException("timeout", new TimeoutException())));
        Assert.False(TransientErrors.IsTransient(new OperationCanceledException()));
        Assert.False(TransientErrors.IsTransient(new InvalidOperationException()));
    }

    [Fact]
    public void Options_Come_From_Flags_Environment_And_Files()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Controller:Mesh"] = "consul",
                ["Controller:DryRun"] = "false",
                ["Controller:LeaderElection:Enabled"] = "true",
                ["Adapters:linkerd:ServiceProfile"] = "true",
            })
            .AddCommandLine(["--mesh", "linkerd", "--namespaces", "shop, monitoring", "--dry-run", "true", "--health-port", "9090", "--Controller:Debounce", "00:00:01"], CommandLine.SwitchMappings)
            .Build();
        var options = ControllerServiceCollectionExtensions.ReadOptions(configuration);
        Assert.Equal("linkerd", options.Mesh);
        Assert.Equal(["shop", "monitoring"], options.Namespaces);
        Assert.True(options.DryRun);
        Assert.True(options.LeaderElection.Enabled);
        Assert.Equal(9090, options.HealthPort);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Debounce);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSmiController(configuration);
        using var provider = services.BuildServiceProvider();
        Assert.True(provider.GetRequiredService<Smi.Adapters.Linkerd.LinkerdOptions>().ServiceProfile);
        Assert.Equal(["consul", "gateway-api", "istio", "linkerd"], provider.GetRequiredService<Abstractions.Translation.MeshTranslatorCatalog>().Meshes);
    }

    [Fact]
    public void Gateway_Api_With_Delegated_Access_Control_Labels_Its_Outputs_As_Its_Own()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Controller:Mesh"] = "gateway-api",
                ["Adapters:gateway-api:AccessControl"] = "Istio",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSmiController(configuration);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<ControllerOptions>();
        Assert.Empty(options.OutputMeshLabels);
        Assert.Contains(options.OutputKinds, k => k.Kind == "AuthorizationPolicy" && k.Group == "security.istio.io");
        Assert.Contains(options.OutputKinds, k => k.Kind == "HTTPRoute" && k.Group == "gateway.networking.k8s.io");
        Assert.Equal(ControllerHarness.OutputKinds("gateway-api", "istio"), options.OutputKinds);
        Assert.Null(options.Metrics.Queries);
        Assert.True(ControllerRbac.Allows(ControllerRbac.For(options.OutputKinds), "security.istio.io", "authorizationpolicies", "delete"));
    }

    [Fact]
    public void Rbac_Lists_Read_Access_To_Every_Smi_Kind_And_Status()
    {
        var rules = ControllerRbac.For(ControllerHarness.Adapters, "istio");
        foreach (var version in Abstractions.Conversion.SmiVersions.All)
        {
            Assert.True(ControllerRbac.Allows(rules, version.Group, version.Plural, "watch"));
            Assert.True(ControllerRbac.Allows(rules, version.Group, version.Plural + "/status", "patch"));
        }

        Assert.False(ControllerRbac.Allows(rules, string.Empty, "secrets", "get"));
        Assert.False(ControllerRbac.Allows(rules, "split.smi-spec.io", "trafficsplits", "delete"));
    }
}
