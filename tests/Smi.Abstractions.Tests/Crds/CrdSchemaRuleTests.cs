using System.Text.Json.Nodes;
using Smi.Abstractions.Crds;

namespace Smi.Abstractions.Tests.Crds;

public class CrdSchemaRuleTests
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.test
        spec:
          group: example.test
          scope: Namespaced
          names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [name]
                    minProperties: 1
                    maxProperties: 30
                    properties:
                      name: {type: string, minLength: 2, maxLength: 3}
                      mode: {type: string, enum: [fast, slow]}
                      host: {type: string, pattern: '[a-z]+\.example'}
                      count: {type: integer, minimum: 1, maximum: 10}
                      ratio: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: true}
                      step: {type: integer, multipleOf: 5}
                      small: {type: integer, format: int32}
                      enabled: {type: boolean}
                      note: {type: string, nullable: true}
                      port: {x-kubernetes-int-or-string: true}
                      tags:
                        type: array
                        minItems: 1
                        maxItems: 3
                        items: {type: string}
                      unique: {type: array, uniqueItems: true, items: {type: integer}}
                      set: {type: array, x-kubernetes-list-type: set, items: {type: string}}
                      entries:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name, port]
                        items:
                          type: object
                          required: [name]
                          properties:
                            name: {type: string}
                            port: {type: integer}
                      labels: {type: object, additionalProperties: {type: string}}
                      closed: {type: object, additionalProperties: false}
                      anything: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {known: {type: integer}}}
                      untyped: {x-kubernetes-preserve-unknown-fields: true}
                      template: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}
                      either:
                        type: object
                        properties:
                          a: {type: string}
                          b: {type: string}
                        oneOf:
                        - required: [a]
                        - required: [b]
                      some:
                        type: object
                        properties:
                          a: {type: string}
                          b: {type: string}
                        anyOf:
                        - required: [a]
                        - required: [b]
                      both:
                        type: string
                        allOf:
                        - minLength: 2
                        - pattern: '^x'
                      notEmpty:
                        type: string
                        not: {enum: [""]}
                      rules:
                        type: array
                        items:
                          type: object
                          x-kubernetes-validations:
                          - rule: self.x > 0
                          properties:
                            x: {type: integer}
          - name: v1beta1
            served: false
            storage: false
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;

    private static readonly CrdCatalog Catalog = CrdCatalog.FromObjects(CrdYaml.ReadObjects(Crd));

    private static IReadOnlyList<CrdViolation> Check(string spec, string apiVersion = "example.test/v1", string kind = "Widget")
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = "w", ["namespace"] = "ns", ["labels"] = new JsonObject { ["a"] = "b" } },
            ["spec"] = CrdYaml.ReadObjects(spec).Single(),
        };
        return Catalog.Validate(obj);
    }

    private static void AssertOnly(IReadOnlyList<CrdViolation> violations, string path, string messagePart)
    {
        var violation = Assert.Single(violations);
        Assert.Equal(path, violation.Path);
        Assert.Contains(messagePart, violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_ValidObject()
    {
        var violations = Check("""
            name: ab
            mode: fast
            host: www.example.org
            count: 10
            ratio: 0.5
            step: 15
            small: 2147483647
            enabled: true
            note: null
            port: http
            tags: [a, b, c]
            unique: [1, 2]
            set: [x, y]
            entries: [{name: a, port: 1}, {name: a, port: 2}, {name: b}]
            labels: {app: web}
            closed: {}
            anything: {known: 1, extra: {deep: [1, "x"]}}
            untyped: [1, 2]
            template: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: []}}
            either: {a: x}
            some: {a: x, b: y}
            both: xyz
            notEmpty: x
            rules: [{x: -1}]
            """);
        Assert.Empty(violations);
    }

    [Fact]
    public void Rejects_UnknownField()
    {
        AssertOnly(Check("{name: ab, colour: red}"), "spec.colour", "unknown field");
        AssertOnly(Check("{name: ab, entries: [{name: a}, {name: b, extra: 1}]}"), "spec.entries[1].extra", "unknown field");
        AssertOnly(Check("{name: ab, anything: {known: 1}, either: {a: x, c: 1}}"), "spec.either.c", "unknown field");
    }

    [Fact]
    public void Rejects_UnknownFieldAtRoot_ButAllowsApiVersionKindMetadata()
    {
        var obj = CrdYaml.ReadObjects("""
            apiVersion: example.test/v1
            kind: Widget
            metadata: {name: w}
            spec: {name: ab}
            extra: 1
            """).Single();
        AssertOnly(Catalog.Validate(obj), "extra", "unknown field");
    }

    [Fact]
    public void Rejects_MetadataThatIsNotAnObject()
    {
        var obj = CrdYaml.ReadObjects("{apiVersion: example.test/v1, kind: Widget, metadata: [a], spec: {name: ab}}").Single();
        AssertOnly(Catalog.Validate(obj), "metadata", "must be of type object");
    }

    [Theory]
    [InlineData("{name: ab, count: ten}", "spec.count", "must be of type integer")]
    [InlineData("{name: ab, count: 2.5}", "spec.count", "must be of type integer")]
    [InlineData("{name: 12}", "spec.name", "must be of type string")]
    [InlineData("{name: ab, enabled: 'true'}", "spec.enabled", "must be of type boolean")]
    [InlineData("{name: ab, tags: a}", "spec.tags", "must be of type array")]
    [InlineData("{name: ab, labels: [a]}", "spec.labels", "must be of type object")]
    [InlineData("{name: ab, tags: [a, null]}", "spec.tags[1]", "must be of type string")]
    [InlineData("{name: ab, ratio: true}", "spec.ratio", "must be of type number")]
    public void Rejects_WrongType(string spec, string path, string message) => AssertOnly(Check(spec), path, message);

    [Fact]
    public void Accepts_IntegralNumberForInteger_AndIntegerForNumber()
    {
        Assert.Empty(Check("{name: ab, count: 3.0}"));
        var obj = (JsonObject)JsonNode.Parse("""{"apiVersion":"example.test/v1","kind":"Widget","metadata":{},"spec":{"name":"ab","count":4.00,"ratio":0.25}}""")!;
        Assert.Empty(Catalog.Validate(obj));
    }

    [Fact]
    public void Rejects_MissingRequired()
    {
        AssertOnly(Check("{mode: fast}"), "spec.name", "Required value");
        AssertOnly(Check("{name: ab, entries: [{port: 1}]}"), "spec.entries[0].name", "Required value");
    }

    [Fact]
    public void TreatsNullOfNonNullableFieldAsAbsent()
    {
        AssertOnly(Check("{name: null, mode: fast}"), "spec.name", "Required value");
        Assert.Empty(Check("{name: ab, count: null, note: null}"));
    }

    [Fact]
    public void Rejects_ValueOutsideEnum() => AssertOnly(Check("{name: ab, mode: medium}"), "spec.mode", "Unsupported value: \"medium\"");

    [Fact]
    public void Rejects_PatternMismatch_AndSearchesUnanchored()
    {
        AssertOnly(Check("{name: ab, host: WWW.EXAMPLE}"), "spec.host", "should match");
        Assert.Empty(Check("{name: ab, host: '--x.example--'}"));
    }

    [Theory]
    [InlineData("{name: a}", "spec.name", "at least 2 chars")]
    [InlineData("{name: abcd}", "spec.name", "more than 3 chars")]
    [InlineData("{name: ab, count: 0}", "spec.count", "greater than or equal to 1")]
    [InlineData("{name: ab, count: 11}", "spec.count", "less than or equal to 10")]
    [InlineData("{name: ab, ratio: 0}", "spec.ratio", "greater than 0")]
    [InlineData("{name: ab, ratio: 1}", "spec.ratio", "less than 1")]
    [InlineData("{name: ab, step: 7}", "spec.step", "multiple of 5")]
    [InlineData("{name: ab, small: 2147483648}", "spec.small", "int32 range")]
    [InlineData("{name: ab, tags: []}", "spec.tags", "at least 1 items")]
    [InlineData("{name: ab, tags: [a, b, c, d]}", "spec.tags", "at most 3 items")]
    public void Rejects_OutOfBounds(string spec, string path, string message) => AssertOnly(Check(spec), path, message);

    [Fact]
    public void CountsLengthInRunes()
    {
        Assert.Empty(Check("{name: \"\U0001F600\U0001F600\"}"));
        AssertOnly(Check("{name: \"\U0001F600\U0001F600\U0001F600\U0001F600\"}"), "spec.name", "more than 3 chars");
    }

    [Fact]
    public void Rejects_PropertyCount()
    {
        var obj = new JsonObject { ["apiVersion"] = "example.test/v1", ["kind"] = "Widget", ["spec"] = new JsonObject() };
        var violations = Catalog.Validate(obj);
        Assert.Contains(violations, v => v.Path == "spec" && v.Message.Contains("at least 1 properties", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Path == "spec.name" && v.Message.StartsWith("Required value", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{name: ab, unique: [1, 2, 1.0]}", "spec.unique[2]")]
    [InlineData("{name: ab, set: [x, y, x]}", "spec.set[2]")]
    [InlineData("{name: ab, entries: [{name: a, port: 1}, {port: 1, name: a}]}", "spec.entries[1]")]
    public void Rejects_DuplicateItems(string spec, string path) => AssertOnly(Check(spec), path, "Duplicate value");

    [Fact]
    public void IntOrString_AcceptsIntegersAndStrings_Only()
    {
        Assert.Empty(Check("{name: ab, port: 8080}"));
        Assert.Empty(Check("{name: ab, port: '50%'}"));
        AssertOnly(Check("{name: ab, port: true}"), "spec.port", "integer or string");
        AssertOnly(Check("{name: ab, port: 1.5}"), "spec.port", "integer or string");
        AssertOnly(Check("{name: ab, port: {a: 1}}"), "spec.port", "integer or string");
    }

    [Fact]
    public void PreserveUnknownFields_AcceptsExtras_ButChecksKnownFields()
    {
        Assert.Empty(Check("{name: ab, anything: {x: 1, y: {z: [true]}}, untyped: 'anything goes'}"));
        AssertOnly(Check("{name: ab, anything: {known: nope, x: 1}}"), "spec.anything.known", "must be of type integer");
    }

    [Fact]
    public void AdditionalProperties_ChecksEachValue_OrRefusesAll()
    {
        AssertOnly(Check("{name: ab, labels: {a: x, b: 2}}"), "spec.labels.b", "must be of type string");
        AssertOnly(Check("{name: ab, closed: {a: 1}}"), "spec.closed.a", "unknown field");
    }

    [Fact]
    public void EmbeddedResource_NeedsApiVersionAndKind()
    {
        var violations = Check("{name: ab, template: {metadata: {name: p}}}");
        Assert.Equal(["spec.template.apiVersion", "spec.template.kind"], violations.Select(v => v.Path).Order(StringComparer.Ordinal));
        AssertOnly(Check("{name: ab, template: {apiVersion: v1, kind: Pod, metadata: 1}}"), "spec.template.metadata", "must be of type object");
    }

    [Fact]
    public void Junctors_AreValueValidations()
    {
        AssertOnly(Check("{name: ab, either: {a: x, b: y}}"), "spec.either", "oneOf");
        AssertOnly(Check("{name: ab, either: {}}"), "spec.either", "oneOf");
        AssertOnly(Check("{name: ab, some: {}}"), "spec.some", "anyOf");
        Assert.Equal(2, Check("{name: ab, both: y}").Count);
        AssertOnly(Check("{name: ab, notEmpty: ''}"), "spec.notEmpty", "(not)");
    }

    [Fact]
    public void SkipsCelRules() => Assert.Empty(Check("{name: ab, rules: [{x: -5}]}"));

    [Fact]
    public void CollectsEveryViolation()
    {
        var violations = Check("{mode: medium, count: 0, tags: [1], colour: red}");
        Assert.Equal(
            ["spec.colour", "spec.count", "spec.mode", "spec.name", "spec.tags[0]"],
            violations.Select(v => v.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rejects_NotServedVersion()
    {
        Assert.False(Catalog.Serves("example.test/v1beta1", "Widget"));
        AssertOnly(Check("{anything: 1}", apiVersion: "example.test/v1beta1"), "apiVersion", "not served");
    }

    [Fact]
    public void Rejects_UndefinedVersion() =>
        AssertOnly(Check("{name: ab}", apiVersion: "example.test/v2"), "apiVersion", "does not define version v2");

    [Fact]
    public void Rejects_UnknownKind()
    {
        Assert.True(Catalog.Serves("example.test/v1", "Widget"));
        Assert.False(Catalog.Serves("example.test/v1", "Gadget"));
        AssertOnly(Check("{name: ab}", kind: "Gadget"), "kind", "no CustomResourceDefinition for kind Gadget");
        AssertOnly(Check("{name: ab}", apiVersion: "v1", kind: "Service"), "kind", "no CustomResourceDefinition");
    }

    [Fact]
    public void Rejects_MissingApiVersionAndKind()
    {
        var violations = Catalog.Validate(new JsonObject { ["metadata"] = new JsonObject() });
        Assert.Equal(["apiVersion", "kind"], violations.Select(v => v.Path));
    }

    [Fact]
    public void ExposesDefinitions()
    {
        var definition = Assert.Single(Catalog.Definitions);
        Assert.Equal(("widgets.example.test", "example.test", "Widget", "widgets", "Namespaced"), (definition.Name, definition.Group, definition.Kind, definition.Plural, definition.Scope));
        Assert.Equal([("v1", true, true), ("v1beta1", false, false)], definition.Versions.Select(v => (v.Name, v.Served, v.Storage)));
        Assert.Equal("object", definition.FindVersion("v1")!.Schema!["type"]!.GetValue<string>());
        Assert.Null(definition.Source);
    }
}
