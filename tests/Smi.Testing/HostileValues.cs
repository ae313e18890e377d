namespace Smi.Testing;

/// <summary>
/// One table of hostile values, each in an otherwise valid SMI document, with the field every gate must name when it
/// refuses it: <c>smi validate</c>, <c>smi translate</c>, the admission webhook and the CRD schema.
/// </summary>
public static class HostileValues
{
    /// <summary>One hostile document.</summary>
    /// <param name="Label">What is hostile, for test names.</param>
    /// <param name="Yaml">The document.</param>
    /// <param name="Field">The field path the refusal names.</param>
    /// <param name="SchemaRefuses">
    /// Whether the CRD schema refuses it too; metadata names are checked by the API server itself, and regex syntax
    /// and ServiceAccount formats are beyond a structural schema.
    /// </param>
    public sealed record Case(string Label, string Yaml, string Field, bool SchemaRefuses);

    /// <summary>All cases.</summary>
    public static IReadOnlyList<Case> All { get; } =
    [
        new("name of 254 characters", Split(name: new string('a', 254)), "metadata.name", false),
        new("uppercase name", Split(name: "Web"), "metadata.name", false),
        new("underscore in namespace", Split(ns: "shop_1"), "metadata.namespace", false),
        new("name with ../", Split(name: "../etc"), "metadata.name", false),
        new("name with ANSI escape and newline", Split(name: AnsiName), "metadata.name", false),
        new("uppercase service", Split(service: "Web"), "spec.service", true),
        new("service of 64 characters", Split(service: new string('a', 64)), "spec.service", true),
        new("underscore in backend", Split(backend: "a_b"), "spec.backends[0].service", true),
        new("control character in backend", Split(backend: "\"web\\x01\""), "spec.backends[0].service", true),
        new("../ in backend", Split(backend: "\"../etc\""), "spec.backends[0].service", true),
        new("weight 2^31", Split(weight: "2147483648"), "spec.backends[0].weight", true),
        new("weight -1", Split(weight: "-1"), "spec.backends[0].weight", true),
        new("1001 backends", ManyBackends(1001), "spec.backends", true),
        new("port 0", Tcp("[0]"), "spec.matches.ports[0]", true),
        new("port -1", Tcp("[-1]"), "spec.matches.ports[0]", true),
        new("port 65536", Tcp("[65536]"), "spec.matches.ports[0]", true),
        new(
            "1001 ports",
            Tcp("[" + string.Join(", ", Enumerable.Repeat("80", 1001)) + "]"),
            "spec.matches.ports",
            true),
        new("pathRegex a{1001}", Routes("pathRegex: a{1001}"), "spec.matches[0].pathRegex", false),
        new("pathRegex look-ahead", Routes("pathRegex: \"(?=x)\""), "spec.matches[0].pathRegex", false),
        new("pathRegex backreference", Routes("pathRegex: \"(a)\\\\1\""), "spec.matches[0].pathRegex", false),
        new(
            "pathRegex nested 40 deep",
            Routes($"pathRegex: \"{new string('(', 40)}a{new string(')', 40)}\""),
            "spec.matches[0].pathRegex",
            false),
        new(
            "pathRegex of 2000 characters",
            Routes($"pathRegex: {new string('a', 2000)}"),
            "spec.matches[0].pathRegex",
            true),
        new(
            "match name of 2000 characters",
            Routes("pathRegex: /x", new string('m', 2000)),
            "spec.matches[0].name",
            true),
        new("header regex look-ahead", Routes("headers: {x-h: \"(?=x)\"}"), "spec.matches[0].headers.x-h", false),
        new("source namespace uppercase", Target("web", "UP"), "spec.sources[0].namespace", true),
        new("source ServiceAccount with _", Target("bad_sa", "shop"), "spec.sources[0].name", false),
    ];

    /// <summary>
    /// A name, in YAML double-quoted escapes, that carries an ANSI colour sequence (ESC) and a newline: printed raw it
    /// would recolour a terminal and start a forged diagnostic line.
    /// </summary>
    public const string AnsiName = "a\\e[31mred\\nerror Forged";

    private static string Split(
        string name = "s",
        string ns = "shop",
        string service = "web",
        string backend = "web-v1",
        string weight = "1") => $"""
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {"{"}name: "{name}", namespace: "{ns}"{"}"}
        spec:
          service: "{service}"
          backends:
          - service: {backend}
            weight: {weight}
          - service: web-v2
            weight: 1
        """;

    private static string ManyBackends(int count) => $"""
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {"{"}name: s, namespace: shop{"}"}
        spec:
          service: web
          backends: [{string.Join(", ", Enumerable.Range(0, count).Select(i => $"{"{"}service: b{i}, weight: 1{"}"}"))}]
        """;

    private static string Tcp(string ports) => $"""
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: TCPRoute
        metadata: {"{"}name: tcp, namespace: shop{"}"}
        spec:
          matches:
            ports: {ports}
        """;

    private static string Routes(string field, string name = "m") => $"""
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: HTTPRouteGroup
        metadata: {"{"}name: routes, namespace: shop{"}"}
        spec:
          matches:
          - name: {name}
            {field}
        """;

    private static string Target(string sourceName, string sourceNamespace) => $"""
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {"{"}name: t, namespace: shop{"}"}
        spec:
          destination: {"{"}kind: ServiceAccount, name: api, namespace: shop{"}"}
          rules: [{"{"}kind: TCPRoute, name: tcp{"}"}]
          sources: [{"{"}kind: ServiceAccount, name: "{sourceName}", namespace: "{sourceNamespace}"{"}"}]
        """;
}
