using System.Globalization;
using System.Text.Json.Nodes;

namespace Smi.Webhooks.Tests;

/// <summary>A seeded generator of SMI objects of every kind and version, covering the fields each version has.</summary>
internal sealed class SmiObjectGenerator(int seed)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "*"];
    private static readonly string[] Quantities = ["0", "1", "2", "10", "100", "500m", "1500m", "10m", "250m", "1k", "3"];
    private readonly Random _random = new(seed);

    public static IReadOnlyList<(string ApiVersion, string Kind)> KindVersions { get; } =
    [
        .. new[] { "v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4" }.Select(v => ("split.smi-spec.io/" + v, "TrafficSplit")),
        .. new[] { "v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4" }.Select(v => ("specs.smi-spec.io/" + v, "HTTPRouteGroup")),
        .. new[] { "v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4" }.Select(v => ("specs.smi-spec.io/" + v, "TCPRoute")),
        ("specs.smi-spec.io/v1alpha4", "UDPRoute"),
        .. new[] { "v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4" }.Select(v => ("access.smi-spec.io/" + v, "TrafficTarget")),
        ("access.smi-spec.io/v1alpha4", "IdentityBinding"),
    ];

    public JsonObject Next(string apiVersion, string kind)
    {
        var version = apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = Metadata() };
        var content = kind switch
        {
            "TrafficSplit" => Split(version),
            "HTTPRouteGroup" => RouteGroup(version),
            "TCPRoute" or "UDPRoute" => PortRoute(version),
            "TrafficTarget" => Target(version),
            _ => Binding(),
        };
        foreach (var (key, value) in content)
        {
            obj[key] = value?.DeepClone();
        }

        if (Chance(0.2))
        {
            obj["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Accepted",
                    ["status"] = "True",
                    ["reason"] = "Translated",
                    ["message"] = "ok",
                    ["lastTransitionTime"] = "2024-01-01T00:00:00Z",
                }),
            };
        }

        return obj;
    }

    private JsonObject Metadata()
    {
        var metadata = new JsonObject
        {
            ["name"] = Name("obj"),
            ["namespace"] = Pick("default", "shop", "payments"),
            ["uid"] = Guid.NewGuid().ToString("D"),
            ["resourceVersion"] = _random.Next(1, 100000).ToString(CultureInfo.InvariantCulture),
        };
        if (Chance(0.3))
        {
            metadata["labels"] = new JsonObject { ["app"] = Name("app") };
        }

        if (Chance(0.3))
        {
            metadata["annotations"] = new JsonObject { ["team"] = Name("team") };
        }

        return metadata;
    }

    private JsonObject Split(string version)
    {
        var spec = new JsonObject { ["service"] = Name("root") };
        if (version is "v1alpha3" or "v1alpha4" && Chance(0.5))
        {
            spec["matches"] = Array(1, 3, () =>
            {
                var match = new JsonObject { ["kind"] = "HTTPRouteGroup", ["name"] = Name("hrg") };
                if (Chance(0.4))
                {
                    match["apiGroup"] = "specs.smi-spec.io";
                }

                return match;
            });
        }

        spec["backends"] = Array(1, 4, () => new JsonObject
        {
            ["service"] = Name("backend"),
            ["weight"] = version == "v1alpha1"
                ? (Chance(0.2) ? JsonValue.Create(_random.Next(0, 50)) : JsonValue.Create(Pick(Quantities)))
                : JsonValue.Create(_random.Next(0, 1000)),
        });
        return new JsonObject { ["spec"] = spec };
    }

    private JsonObject RouteGroup(string version)
    {
        var matches = Array(0, 3, () =>
        {
            var match = new JsonObject { ["name"] = Name("m") };
            if (Chance(0.7))
            {
                match["pathRegex"] = Pick("/api", "/api/v[0-9]+/.*", "/", "/metrics", ".*");
            }

            if (Chance(0.6))
            {
                match["methods"] = Array(1, 3, () => JsonValue.Create(Pick(Methods)));
            }

            if (version != "v1alpha1" && Chance(0.5))
            {
                var name = Pick("user-agent", "x-canary", "cookie");
                var value = Pick(".*Android.*", "true", "^session=.*");
                match["headers"] = Chance(0.5)
                    ? new JsonObject { [name] = value }
                    : new JsonArray(new JsonObject { [name] = value });
            }

            return match;
        });
        return version is "v1alpha1" or "v1alpha2"
            ? new JsonObject { ["matches"] = matches }
            : new JsonObject { ["spec"] = new JsonObject { ["matches"] = matches } };
    }

    private JsonObject PortRoute(string version) => version switch
    {
        "v1alpha1" or "v1alpha2" => [],
        "v1alpha3" => new JsonObject { ["spec"] = new JsonObject() },
        _ => new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["matches"] = Chance(0.2)
                    ? new JsonObject { ["name"] = Name("ports"), ["ports"] = Array(0, 3, () => JsonValue.Create(_random.Next(1, 65536))) }
                    : new JsonObject { ["ports"] = Array(0, 3, () => JsonValue.Create(_random.Next(1, 65536))) },
            },
        },
    };

    private JsonObject Target(string version)
    {
        var destination = Subject(version);
        if (version is "v1alpha1" or "v1alpha2" && Chance(0.5))
        {
            destination["port"] = _random.Next(1, 65536);
        }

        var rules = Array(1, 3, () =>
        {
            var kind = version is "v1alpha3" or "v1alpha4" ? Pick("HTTPRouteGroup", "TCPRoute", "UDPRoute") : Pick("HTTPRouteGroup", "TCPRoute");
            var rule = new JsonObject { ["kind"] = kind, ["name"] = Name("route") };
            if (kind == "HTTPRouteGroup" && Chance(0.5))
            {
                rule["matches"] = Array(1, 2, () => JsonValue.Create(Name("m")));
            }

            return rule;
        });
        var sources = Array(1, 3, () => Subject(version));
        return version == "v1alpha1"
            ? new JsonObject { ["destination"] = destination, ["specs"] = rules, ["sources"] = sources }
            : new JsonObject { ["spec"] = new JsonObject { ["destination"] = destination, ["rules"] = rules, ["sources"] = sources } };
    }

    private JsonObject Subject(string version)
    {
        var binding = version == "v1alpha4" && Chance(0.4);
        var subject = new JsonObject { ["kind"] = binding ? "IdentityBinding" : "ServiceAccount", ["name"] = Name("sa") };
        if (Chance(0.5))
        {
            subject["namespace"] = Pick("default", "shop", "payments");
        }

        if (version == "v1alpha4" && Chance(0.3))
        {
            subject["group"] = "access.smi-spec.io";
        }

        return subject;
    }

    private JsonObject Binding()
    {
        var schemes = new JsonObject();
        switch (_random.Next(3))
        {
            case 0:
                schemes["serviceAccount"] = Name("sa");
                break;
            case 1:
                schemes["podLabelSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = Name("app") } };
                break;
            default:
                break;
        }

        if (schemes.Count == 0 || Chance(0.4))
        {
            schemes["spiffeIdentities"] = Array(1, 2, () => JsonValue.Create("spiffe://cluster.local/ns/default/sa/" + Name("sa")));
        }

        return new JsonObject { ["spec"] = new JsonObject { ["schemes"] = schemes } };
    }

    private JsonArray Array(int min, int max, Func<JsonNode> item)
    {
        var array = new JsonArray();
        var count = _random.Next(min, max + 1);
        for (var i = 0; i < count; i++)
        {
            array.Add(item());
        }

        return array;
    }

    private string Name(string prefix) => prefix + "-" + _random.Next(0, 1000).ToString(CultureInfo.InvariantCulture);

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(params T[] values) => values[_random.Next(values.Length)];
}
