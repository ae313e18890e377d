using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>A small inline CRD (widgets.example.com) so tests run without the shared CRD folder.</summary>
internal static class TestCrds
{
    public const string Group = "example.com";
    public const string Version = "v1";
    public const string Plural = "widgets";

    public const string WidgetCrdYaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names:
            kind: Widget
            listKind: WidgetList
            plural: widgets
            singular: widget
            shortNames: [wd]
          versions:
            - name: v1
              served: true
              storage: true
              subresources:
                status: {}
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      required: [size]
                      properties:
                        size: {type: integer}
                        color: {type: string}
                    status:
                      type: object
                      properties:
                        phase: {type: string}
            - name: v1beta1
              served: true
              storage: false
              schema:
                openAPIV3Schema:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
            - name: v1alpha1
              served: false
              storage: false
              schema:
                openAPIV3Schema:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gadgets.example.com
        spec:
          group: example.com
          scope: Cluster
          names:
            kind: Gadget
            plural: gadgets
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
        """;

    public static async Task<LoopbackApiServer> StartWithWidgetsAsync(LoopbackApiServerOptions? options = null)
    {
        var server = await LoopbackApiServer.StartAsync(options);
        var folder = Directory.CreateTempSubdirectory("crds");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "widgets.yaml"), WidgetCrdYaml);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "broken.yaml"), "{{ if .Values.x }}\nkind: [\n");
            Assert.Equal(2, server.InstallCrds(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        return server;
    }

    public static JsonObject Widget(string name, int size, string ns = "default", string? color = null)
    {
        var spec = new JsonObject { ["size"] = size };
        if (color is not null)
        {
            spec["color"] = color;
        }

        return new JsonObject
        {
            ["apiVersion"] = "example.com/v1",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = spec,
        };
    }

    public static JsonObject Node(object? value) => JsonNode.Parse(JsonSerializer.Serialize(value))!.AsObject();

    public static Task<object> CreateWidgetAsync(IKubernetes client, JsonObject widget, string ns = "default") =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, Group, Version, ns, Plural);

    public static async Task<JsonObject> GetWidgetAsync(IKubernetes client, string name, string ns = "default") =>
        Node(await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, ns, Plural, name));
}
