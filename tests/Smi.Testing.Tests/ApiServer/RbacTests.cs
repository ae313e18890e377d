using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>
/// Bearer-token authentication and RBAC authorization as kube-apiserver does them with
/// <c>--authorization-mode=RBAC --anonymous-auth=false</c>:
/// https://kubernetes.io/docs/reference/access-authn-authz/rbac/
/// (rules, bindings, subresources, resourceNames, aggregated errors), the 401/403 Status objects of
/// <c>staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go</c>, and the ServiceAccount user
/// names of https://kubernetes.io/docs/reference/access-authn-authz/authentication/#service-account-tokens.
/// </summary>
public sealed class RbacTests
{
    private const string Rbac = "rbac.authorization.k8s.io/v1";

    private static async Task<LoopbackApiServer> StartAsync() =>
        await LoopbackApiServer.StartAsync(new LoopbackApiServerOptions
        {
            EnforceRbac = true,
            Namespaces = ["default", "kube-system", "team", "other"],
        });

    private static JsonObject Role(string kind, string name, string? ns, params JsonObject[] rules)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject
        {
            ["apiVersion"] = Rbac,
            ["kind"] = kind,
            ["metadata"] = metadata,
            ["rules"] = new JsonArray([.. rules]),
        };
    }

    private static JsonObject Rule(string[] groups, string[] resources, string[] verbs, string[]? names = null)
    {
        var rule = new JsonObject
        {
            ["apiGroups"] = Strings(groups),
            ["resources"] = Strings(resources),
            ["verbs"] = Strings(verbs),
        };
        if (names is not null)
        {
            rule["resourceNames"] = Strings(names);
        }

        return rule;
    }

    private static JsonObject Binding(string kind, string name, string? ns, string roleKind, JsonObject subject)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject
        {
            ["apiVersion"] = Rbac,
            ["kind"] = kind,
            ["metadata"] = metadata,
            ["roleRef"] = new JsonObject
            {
                ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = roleKind, ["name"] = name,
            },
            ["subjects"] = new JsonArray(subject),
        };
    }

    private static JsonObject ServiceAccountSubject(string ns, string name) =>
        new() { ["kind"] = "ServiceAccount", ["name"] = name, ["namespace"] = ns };

    private static JsonArray Strings(string[] values) => new([.. values.Select(v => (JsonNode)v)]);

    private static async Task<HttpOperationException> RefusedAsync(Func<Task> call) =>
        await Assert.ThrowsAsync<HttpOperationException>(call);

    private static JsonObject StatusOf(HttpOperationException e) =>
        JsonNode.Parse(e.Response.Content)!.AsObject();

    private static V1ConfigMap ConfigMap(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };

    [Fact]
    public async Task Missing_Or_Unknown_Token_Is_401_Unauthorized_As_With_Anonymous_Auth_Off()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        using var missing = await http.GetAsync(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        var status = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!;
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("Unauthorized", (string?)status["reason"]);
        Assert.Equal(401, (int?)status["code"]);

        using var unknown = server.CreateClient("no-such-token");
        var e = await RefusedAsync(() => unknown.CoreV1.ListNamespacedConfigMapAsync("default"));
        Assert.Equal(HttpStatusCode.Unauthorized, e.Response.StatusCode);
    }

    [Fact]
    public async Task Admin_Token_In_System_Masters_Is_Allowed_Everything()
    {
        await using var server = await StartAsync();
        using var admin = server.CreateClient();
        await admin.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("c"), "team");
        Assert.Single((await admin.CoreV1.ListConfigMapForAllNamespacesAsync()).Items, c => c.Name() == "c");
    }

    [Fact]
    public async Task Unbound_ServiceAccount_Gets_403_With_Kube_Apiserver_Message()
    {
        await using var server = await StartAsync();
        using var bot = server.CreateClient(server.IssueToken(TokenUser.ServiceAccount("team", "bot")));

        var list = await RefusedAsync(() => bot.CoreV1.ListNamespacedServiceAsync("team"));
        Assert.Equal(HttpStatusCode.Forbidden, list.Response.StatusCode);
        var status = StatusOf(list);
        Assert.Equal("Forbidden", (string?)status["reason"]);
        Assert.Equal(
            "services is forbidden: User \"system:serviceaccount:team:bot\" cannot list resource \"services\" in API "
            + "group \"\" in the namespace \"team\"",
            (string?)status["message"]);
        Assert.Equal("services", (string?)status["details"]!["kind"]);

        var get = await RefusedAsync(() => bot.CoreV1.ReadNamespaceAsync("team"));
        Assert.Equal(
            "namespaces \"team\" is forbidden: User \"system:serviceaccount:team:bot\" cannot get resource "
            + "\"namespaces\" in API group \"\" in the namespace \"team\"",
            (string?)StatusOf(get)["message"]);

        var crds = await RefusedAsync(() => bot.ApiextensionsV1.ListCustomResourceDefinitionAsync());
        Assert.Equal(
            "customresourcedefinitions.apiextensions.k8s.io is forbidden: User \"system:serviceaccount:team:bot\" "
            + "cannot list resource \"customresourcedefinitions\" in API group \"apiextensions.k8s.io\" at the "
            + "cluster scope",
            (string?)StatusOf(crds)["message"]);
    }

    [Fact]
    public async Task RoleBinding_Grants_Only_In_Its_Namespace()
    {
        await using var server = await StartAsync();
        server.Seed(Role("Role", "cm", "team", Rule([""], ["configmaps"], ["get", "list", "create"])));
        server.Seed(Binding("RoleBinding", "cm", "team", "Role", ServiceAccountSubject("team", "bot")));
        using var bot = server.CreateClient(server.IssueToken(TokenUser.ServiceAccount("team", "bot")));

        await bot.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("c"), "team");
        Assert.Single((await bot.CoreV1.ListNamespacedConfigMapAsync("team")).Items);
        var other = await RefusedAsync(() => bot.CoreV1.ListNamespacedConfigMapAsync("other"));
        Assert.Equal(HttpStatusCode.Forbidden, other.Response.StatusCode);
        var all = await RefusedAsync(() => bot.CoreV1.ListConfigMapForAllNamespacesAsync());
        Assert.Contains("at the cluster scope", (string?)StatusOf(all)["message"], StringComparison.Ordinal);
        var delete = await RefusedAsync(() => bot.CoreV1.DeleteNamespacedConfigMapAsync("c", "team"));
        Assert.Contains(
            "cannot delete resource \"configmaps\"", (string?)StatusOf(delete)["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleBinding_To_A_ClusterRole_Grants_Its_Rules_In_The_Binding_Namespace_Only()
    {
        await using var server = await StartAsync();
        server.Seed(Role("ClusterRole", "cm", null, Rule([""], ["configmaps"], ["list"])));
        server.Seed(Binding("RoleBinding", "cm", "team", "ClusterRole", ServiceAccountSubject("team", "bot")));
        using var bot = server.CreateClient(server.IssueToken(TokenUser.ServiceAccount("team", "bot")));

        await bot.CoreV1.ListNamespacedConfigMapAsync("team");
        await RefusedAsync(() => bot.CoreV1.ListNamespacedConfigMapAsync("other"));
        await RefusedAsync(() => bot.CoreV1.ListConfigMapForAllNamespacesAsync());
    }

    [Fact]
    public async Task ClusterRoleBinding_Grants_Everywhere_With_Wildcard_Verbs_Groups_And_Resources()
    {
        await using var server = await StartAsync();
        server.Seed(Role("ClusterRole", "all", null, Rule(["*"], ["*"], ["*"])));
        server.Seed(Binding(
            "ClusterRoleBinding", "all", null, "ClusterRole",
            new JsonObject { ["kind"] = "User", ["name"] = "jane" }));
        using var jane = server.CreateClient(server.IssueToken(new TokenUser("jane", [])));
        await jane.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("c"), "other");
        await jane.CoreV1.ListConfigMapForAllNamespacesAsync();
        await jane.ApiextensionsV1.ListCustomResourceDefinitionAsync();
    }

    [Fact]
    public async Task Group_Subjects_Match_ServiceAccount_Groups()
    {
        await using var server = await StartAsync();
        server.Seed(Role("ClusterRole", "read", null, Rule([""], ["services"], ["list"])));
        server.Seed(Binding(
            "ClusterRoleBinding", "read", null, "ClusterRole",
            new JsonObject { ["kind"] = "Group", ["name"] = "system:serviceaccounts:team" }));
        using var bot = server.CreateClient(server.IssueToken(TokenUser.ServiceAccount("team", "bot")));
        using var stranger = server.CreateClient(server.IssueToken(TokenUser.ServiceAccount("other", "bot")));

        await bot.CoreV1.ListServiceForAllNamespacesAsync();
        await RefusedAsync(() => stranger.CoreV1.ListServiceForAllNamespacesAsync());
    }

    [Fact]
    public async Task Subresources_Need_Their_Own_Rule_Or_A_Star_Slash_Subresource_Rule()
    {
        await using var server = await StartAsync();
        server.Seed(Role("Role", "ns", "team", Rule([""], ["namespaces/status"], ["get"])));
        server.Seed(Binding("RoleBinding", "ns", "team", "Role", ServiceAccountSubject("team", "bot")));
        server.Seed(Role("Role", "star", "other", Rule([""], ["*/status"], ["get"])));
        server.Seed(Binding("RoleBinding", "star", "other", "Role", ServiceAccountSubject("team", "bot")));
        using var bot = server.CreateClient(server.IssueToken(TokenUser.ServiceAccount("team", "bot")));

        await bot.CoreV1.ReadNamespaceStatusAsync("team");
        await bot.CoreV1.ReadNamespaceStatusAsync("other");
        var main = await RefusedAsync(() => bot.CoreV1.ReadNamespaceAsync("team"));
        Assert.Contains(
            "cannot get resource \"namespaces\"", (string?)StatusOf(main)["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResourceNames_Limit_Named_Requests_And_A_Field_Selected_Watch()
    {
        await using var server = await StartAsync();
        server.Seed(Role("Role", "one", "team", Rule([""], ["configmaps"], ["get", "list", "watch"], ["mine"])));
        server.Seed(Binding("RoleBinding", "one", "team", "Role", ServiceAccountSubject("team", "bot")));
        using var admin = server.CreateClient();
        await admin.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("mine"), "team");
        await admin.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("theirs"), "team");
        using var bot = server.CreateClient(server.IssueToken(TokenUser.ServiceAccount("team", "bot")));

        await bot.CoreV1.ReadNamespacedConfigMapAsync("mine", "team");
        await RefusedAsync(() => bot.CoreV1.ReadNamespacedConfigMapAsync("theirs", "team"));
        await RefusedAsync(() => bot.CoreV1.ListNamespacedConfigMapAsync("team"));
        var selected = await bot.CoreV1.ListNamespacedConfigMapAsync("team", fieldSelector: "metadata.name=mine");
        Assert.Equal("mine", Assert.Single(selected.Items).Name());
    }

    [Fact]
    public async Task Watch_Is_A_Verb_Of_Its_Own()
    {
        await using var server = await StartAsync();
        server.Seed(Role("Role", "list", "team", Rule([""], ["configmaps"], ["list"])));
        server.Seed(Binding("RoleBinding", "list", "team", "Role", ServiceAccountSubject("team", "bot")));
        var token = server.IssueToken(TokenUser.ServiceAccount("team", "bot"));
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var list = await http.GetAsync(new Uri("/api/v1/namespaces/team/configmaps", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var watch = await http.GetAsync(
            new Uri("/api/v1/namespaces/team/configmaps?watch=true&timeoutSeconds=1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, watch.StatusCode);
        var status = JsonNode.Parse(await watch.Content.ReadAsStringAsync())!;
        Assert.Contains("cannot watch resource \"configmaps\"", (string?)status["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Binding_To_A_Missing_Role_Is_Named_In_The_Reason()
    {
        await using var server = await StartAsync();
        server.Seed(Binding("RoleBinding", "gone", "team", "Role", ServiceAccountSubject("team", "bot")));
        using var bot = server.CreateClient(server.IssueToken(TokenUser.ServiceAccount("team", "bot")));
        var e = await RefusedAsync(() => bot.CoreV1.ListNamespacedConfigMapAsync("team"));
        Assert.EndsWith(
            "in the namespace \"team\": RBAC: role.rbac.authorization.k8s.io \"gone\" not found",
            (string?)StatusOf(e)["message"],
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_Is_Open_To_Every_Authenticated_User_Through_System_Discovery()
    {
        await using var server = await StartAsync();
        using var bot = server.CreateClient(server.IssueToken(TokenUser.ServiceAccount("team", "bot")));
        var groups = await bot.Apis.GetAPIVersionsAsync();
        Assert.Contains(groups.Groups, g => g.Name == "rbac.authorization.k8s.io");
    }

    [Fact]
    public async Task TokenReview_And_SubjectAccessReview_Answer_From_The_Same_Tokens_And_Rbac()
    {
        await using var server = await StartAsync();
        server.Seed(Role("Role", "cm", "team", Rule([""], ["configmaps"], ["get"])));
        server.Seed(Binding("RoleBinding", "cm", "team", "Role", ServiceAccountSubject("team", "bot")));
        var token = server.IssueToken(TokenUser.ServiceAccount("team", "bot"));
        using var admin = server.CreateClient();

        var review = await admin.AuthenticationV1.CreateTokenReviewAsync(
            new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token } });
        Assert.True(review.Status.Authenticated);
        Assert.Equal("system:serviceaccount:team:bot", review.Status.User.Username);
        Assert.Equal(
            ["system:serviceaccounts", "system:serviceaccounts:team", "system:authenticated"],
            review.Status.User.Groups);

        V1SubjectAccessReview Access(string verb, string ns) => new()
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = review.Status.User.Username,
                Groups = review.Status.User.Groups,
                ResourceAttributes = new V1ResourceAttributes
                {
                    Verb = verb, Resource = "configmaps", NamespaceProperty = ns, Version = "v1",
                },
            },
        };
        var allowed = await admin.AuthorizationV1.CreateSubjectAccessReviewAsync(Access("get", "team"));
        Assert.True(allowed.Status.Allowed);
        Assert.Equal(
            "RBAC: allowed by RoleBinding \"cm/team\" of Role \"cm\" to ServiceAccount \"bot/team\"",
            allowed.Status.Reason);
        var denied = await admin.AuthorizationV1.CreateSubjectAccessReviewAsync(Access("get", "other"));
        Assert.False(denied.Status.Allowed);

        using var bot = server.CreateClient(token);
        var e = await RefusedAsync(() => bot.AuthenticationV1.CreateTokenReviewAsync(
            new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token } }));
        Assert.Contains(
            "cannot create resource \"tokenreviews\" in API group \"authentication.k8s.io\" at the cluster scope",
            (string?)StatusOf(e)["message"],
            StringComparison.Ordinal);
    }
}
