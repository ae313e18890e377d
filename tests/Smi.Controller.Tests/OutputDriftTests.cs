using System.Text.Json.Nodes;
using Smi.Controller.Reconcile;
using Smi.Kube.Fields;

namespace Smi.Controller.Tests;

/// <summary>What counts as drift between an apply configuration and the live object, case by case.</summary>
public sealed class OutputDriftTests
{
    private const string Manager = "smi-adapter";

    private static readonly JsonObject Schema = Parse("""
        {"type": "object", "properties": {"spec": {"type": "object", "properties": {
          "hosts": {"type": "array", "items": {"type": "string"}},
          "gateways": {"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "string"}},
          "rules": {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                    "items": {"type": "object", "properties": {"name": {"type": "string"},
                              "weight": {"type": "integer"}, "timeout": {"type": "string"}}}},
          "http": {"type": "array", "items": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}},
          "weight": {"type": "number"}}}}}
        """);

    private static readonly JsonObject Desired = Parse("""
        {"apiVersion": "example.io/v1", "kind": "Thing",
         "metadata": {"name": "a", "namespace": "shop", "labels": {"app": "a"}, "annotations": {"hash": "1"},
                      "ownerReferences": [{"apiVersion": "v1", "kind": "Split", "name": "a", "uid": "u1"}]},
         "spec": {"hosts": ["a", "b"], "gateways": ["g"], "rules": [{"name": "r", "weight": 5}],
                  "http": [{"route": "x"}], "weight": 1}}
        """);

    private const string Owned = """
        {"f:metadata": {"f:labels": {".": {}, "f:app": {}}, "f:annotations": {".": {}, "f:hash": {}},
                        "f:ownerReferences": {".": {}, "k:{\"uid\":\"u1\"}": {}}},
         "f:spec": {".": {}, "f:hosts": {}, "f:gateways": {"v:\"g\"": {}},
                    "f:rules": {"k:{\"name\":\"r\"}": {".": {}, "f:name": {}, "f:weight": {}}},
                    "f:http": {}, "f:weight": {}}}
        """;

    private const string OtherRule = """{"spec": {"rules": [{"name": "r", "weight": 5}, {"name": "s"}]}}""";

    public static TheoryData<string, string> Same => new()
    {
        { "as applied", "{}" },
        { "a number written another way", """{"spec": {"weight": 1.0}}""" },
        { "a label of someone else", """{"metadata": {"labels": {"team": "x"}}}""" },
        { "a field of someone else", """{"spec": {"exportTo": ["."]}}""" },
        {
            "an item of someone else in an associative list",
            """{"spec": {"rules": [{"name": "r", "weight": 5}, {"name": "s"}]}}"""
        },
        {
            "a field of someone else in an item of an associative list",
            """{"spec": {"rules": [{"name": "r", "weight": 5, "timeout": "1s"}]}}"""
        },
        { "a value of someone else in a set", """{"spec": {"gateways": ["g", "mesh"]}}""" },
        { "a defaulted field in an item of an atomic list", """{"spec": {"http": [{"route": "x", "retries": 2}]}}""" },
        {
            "an owner of someone else",
            """
            {"metadata": {"ownerReferences": [{"apiVersion": "v1", "kind": "Split", "name": "a", "uid": "u1"},
                                              {"apiVersion": "v1", "kind": "X", "name": "b", "uid": "u2"}]}}
            """
        },
        { "status", """{"status": {"ready": false}}""" },
    };

    public static TheoryData<string, string, string> Drifted => new()
    {
        { "a changed value", """{"spec": {"weight": 2}}""", ".spec.weight" },
        { "a removed field", """{"spec": {"weight": null}}""", ".spec.weight" },
        { "an item added to an atomic list", """{"spec": {"hosts": ["a", "b", "c"]}}""", ".spec.hosts" },
        { "reordered items of an atomic list", """{"spec": {"hosts": ["b", "a"]}}""", ".spec.hosts" },
        {
            "a changed item of an associative list",
            """{"spec": {"rules": [{"name": "r", "weight": 6}]}}""",
            ".spec.rules[name=r].weight"
        },
        { "a removed item of an associative list", """{"spec": {"rules": [{"name": "s"}]}}""", ".spec.rules[name=r]" },
        { "a removed value of a set", """{"spec": {"gateways": ["mesh"]}}""", ".spec.gateways[\"g\"]" },
        { "a changed label", """{"metadata": {"labels": {"app": "b"}}}""", ".metadata.labels.app" },
        { "a removed owner", """{"metadata": {"ownerReferences": []}}""", ".metadata.ownerReferences[uid=u1]" },
        { "a string where a number was", """{"spec": {"weight": "1"}}""", ".spec.weight" },
    };

    [Theory]
    [MemberData(nameof(Same))]
    public void Is_No_Drift(string what, string change)
    {
        var live = Live(change, Owned);
        Assert.True(OutputDrift.Find(Desired, live, Schema, Manager, null).Count == 0, what);
    }

    [Theory]
    [MemberData(nameof(Drifted))]
    public void Is_Drift(string what, string change, string field)
    {
        var drift = OutputDrift.Find(Desired, Live(change, Owned), Schema, Manager, null);
        var shown = drift.Select(FieldPath.Display).ToList();
        Assert.True(shown.Contains(field), $"{what}: {string.Join(", ", shown)}");
    }

    [Fact]
    public void A_Field_Another_Manager_Took_Over_Is_Drift_Even_With_The_Same_Value()
    {
        // An update changed the list and set it back: the list is now the updater's (atomic lists move whole).
        var owned = Owned.Replace("\"f:hosts\": {}, ", string.Empty, StringComparison.Ordinal);
        var drift = OutputDrift.Find(Desired, Live("{}", owned), Schema, Manager, null);
        Assert.Equal([".spec.hosts"], drift.Select(FieldPath.Display));
    }

    [Fact]
    public void A_Field_Still_Owned_But_No_Longer_Applied_Is_Drift()
    {
        var owned = Owned.Replace("\"f:http\": {}, ", "\"f:http\": {}, \"f:tls\": {}, ", StringComparison.Ordinal);
        var live = Live("""{"spec": {"tls": {"mode": "x"}}}""", owned);
        var drift = OutputDrift.Find(Desired, live, Schema, Manager, null);
        Assert.Equal([".spec.tls"], drift.Select(FieldPath.Display));
    }

    [Fact]
    public void Without_A_Schema_Every_List_Is_Atomic_And_Ownership_Is_Compared_At_The_List()
    {
        // As the loopback server records it: one leaf per list.
        const string owned = """
            {"f:metadata": {"f:labels": {"f:app": {}}, "f:annotations": {"f:hash": {}}, "f:ownerReferences": {}},
             "f:spec": {"f:hosts": {}, "f:gateways": {}, "f:rules": {}, "f:http": {}, "f:weight": {}}}
            """;
        Assert.Empty(OutputDrift.Find(Desired, Live("{}", owned), null, Manager, null));
        Assert.Equal(
            [".spec.rules"],
            OutputDrift.Find(Desired, Live(OtherRule, owned), null, Manager, null).Select(FieldPath.Display));
    }

    [Fact]
    public void Without_Managed_Fields_Only_Values_Count()
    {
        var live = Live("{}", Owned);
        live["metadata"]!.AsObject().Remove("managedFields");
        Assert.Empty(OutputDrift.Find(Desired, live, Schema, Manager, null));
        live["spec"]!["weight"] = 3;
        var drift = OutputDrift.Find(Desired, live, Schema, Manager, null);
        Assert.Equal([".spec.weight"], drift.Select(FieldPath.Display));
    }

    [Fact]
    public void Fields_The_Server_Changes_On_Apply_Are_Ignored_When_Asked()
    {
        var live = Live("""{"spec": {"weight": 2}}""", Owned);
        var drift = OutputDrift.Find(Desired, live, Schema, Manager, null);
        Assert.Empty(OutputDrift.Find(Desired, live, Schema, Manager, drift.ToHashSet()));
    }

    /// <summary>
    /// The desired object as stored, with a merge patch of changes and the controller's managed fields.
    /// </summary>
    private static JsonObject Live(string change, string owned)
    {
        var live = (JsonObject)Desired.DeepClone();
        Merge(live, Parse(change));
        var metadata = live["metadata"]!.AsObject();
        metadata["uid"] = "x";
        metadata["resourceVersion"] = "7";
        metadata["managedFields"] = new JsonArray(
            new JsonObject
            {
                ["manager"] = Manager,
                ["operation"] = "Apply",
                ["apiVersion"] = "example.io/v1",
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = Parse(owned),
            },
            new JsonObject
            {
                ["manager"] = "kubectl-edit",
                ["operation"] = "Update",
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = Parse("""{"f:spec": {"f:exportTo": {}}}"""),
            });
        return live;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}
