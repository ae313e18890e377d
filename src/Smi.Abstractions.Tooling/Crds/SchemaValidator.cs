using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Smi.Abstractions.Crds;

/// <summary>
/// Checks a JSON value against a CRD's <c>openAPIV3Schema</c> as the API server does with strict field validation.
/// See <see cref="CrdCatalog"/> for what is and is not checked.
/// </summary>
internal sealed class SchemaValidator
{
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);
    private static readonly string[] ImplicitFields = ["apiVersion", "kind", "metadata"];

    private readonly List<CrdViolation> violations;

    // Looks for unknown fields only: the walk that reaches every object the full check reaches, without the checks
    // of values, counts and junctors that cannot find one.
    private readonly bool unknownFieldsOnly;

    private SchemaValidator(List<CrdViolation> violations, bool unknownFieldsOnly = false)
    {
        this.violations = violations;
        this.unknownFieldsOnly = unknownFieldsOnly;
    }

    /// <summary>Checks a whole object (apiVersion, kind and metadata are implicit at the root).</summary>
    /// <param name="obj">The object.</param>
    /// <param name="schema">The version's <c>openAPIV3Schema</c>; <see langword="null"/> checks the root fields
    /// only.</param>
    /// <param name="violations">Receives every violation.</param>
    public static void ValidateRoot(JsonObject obj, JsonObject? schema, List<CrdViolation> violations)
    {
        var validator = new SchemaValidator(violations);
        validator.CheckImplicitFields(obj, string.Empty);
        if (schema is not null)
        {
            validator.Check(obj, schema, string.Empty, structural: true, root: true);
        }
    }

    /// <summary>
    /// Finds the fields of an object that its schema does not define: the <c>unknown field</c> violations of
    /// <see cref="ValidateRoot"/>, in the same order, without making its other checks.
    /// </summary>
    /// <param name="obj">The object.</param>
    /// <param name="schema">The version's <c>openAPIV3Schema</c>.</param>
    /// <param name="violations">Receives every unknown field.</param>
    public static void FindUnknownFields(JsonObject obj, JsonObject schema, List<CrdViolation> violations) =>
        new SchemaValidator(violations, unknownFieldsOnly: true)
            .Check(obj, schema, string.Empty, structural: true, root: true);

    private void Check(JsonNode? value, JsonObject schema, string path, bool structural, bool root = false)
    {
        var type = JsonFacts.AsString(schema["type"]);
        var intOrString = JsonFacts.IsTrue(schema["x-kubernetes-int-or-string"]);
        var actual = JsonFacts.TypeOf(value);
        if (value is null)
        {
            if (!JsonFacts.IsTrue(schema["nullable"]) && (type is not null || intOrString))
            {
                Add(path, $"Invalid value: null: must be of type {(intOrString ? "integer or string" : type)}");
            }

            return;
        }

        if (intOrString)
        {
            if (actual is not ("integer" or "string"))
            {
                Add(path, $"Invalid value: {JsonFacts.Render(value)}: must be of type integer or string, not {actual}");
                return;
            }
        }
        else if (type is not null && !(type == actual || (type == "number" && actual == "integer")))
        {
            Add(path, $"Invalid value: {JsonFacts.Render(value)}: must be of type {type}, not {actual}");
            return;
        }

        if (unknownFieldsOnly)
        {
            CheckUnknownFields(value, schema, path, structural, root);
            return;
        }

        CheckEnum(value, schema, path);
        switch (value)
        {
            case JsonObject obj:
                CheckObject(obj, schema, path, structural, root);
                break;
            case JsonArray array:
                CheckArray(array, schema, path, structural);
                break;
            case JsonValue when actual == "string":
                CheckString(JsonFacts.AsString(value)!, schema, path);
                break;
            case JsonValue number when actual is "integer" or "number":
                CheckNumber(number, schema, path, actual == "integer");
                break;
        }

        CheckJunctors(value, schema, path);
    }

    /// <summary>The part of <see cref="Check"/> past the type checks that can find an unknown field.</summary>
    private void CheckUnknownFields(JsonNode value, JsonObject schema, string path, bool structural, bool root)
    {
        switch (value)
        {
            case JsonObject obj:
                CheckObject(obj, schema, path, structural, root);
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], items, $"{path}[{i}]", structural);
                }

                break;
        }

        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var branch in allOf.OfType<JsonObject>())
            {
                Check(value, branch, path, structural: false);
            }
        }
    }

    private void CheckEnum(JsonNode value, JsonObject schema, string path)
    {
        if (schema["enum"] is not JsonArray allowed)
        {
            return;
        }

        var canonical = JsonFacts.Canonical(value);
        if (!allowed.Any(a => JsonFacts.Canonical(a) == canonical))
        {
            Add(
                path,
                $"Unsupported value: {JsonFacts.Render(value)}: supported values: "
                    + $"{string.Join(", ", allowed.Select(JsonFacts.Render))}");
        }
    }

    private void CheckObject(JsonObject obj, JsonObject schema, string path, bool structural, bool root)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        var preserve = JsonFacts.IsTrue(schema["x-kubernetes-preserve-unknown-fields"]);
        var embedded = JsonFacts.IsTrue(schema["x-kubernetes-embedded-resource"]);
        var implicitFields = root || embedded;
        if (embedded && !unknownFieldsOnly)
        {
            CheckImplicitFields(obj, path);
            foreach (var field in ImplicitFields.Take(2)
                .Where(f => obj[f] is null || JsonFacts.AsString(obj[f]) is { Length: 0 }))
            {
                Add(Join(path, field), "Required value: an embedded resource needs apiVersion and kind");
            }
        }

        foreach (var (key, child) in obj)
        {
            var childPath = Join(path, key);
            if (implicitFields && ImplicitFields.Contains(key))
            {
                continue;
            }

            if (properties?[key] is JsonObject propertySchema)
            {
                if (child is null && !JsonFacts.IsTrue(propertySchema["nullable"]))
                {
                    // The API server prunes nulls of non-nullable fields before validating.
                    continue;
                }

                Check(child, propertySchema, childPath, structural);
            }
            else if (additional is JsonObject additionalSchema)
            {
                if (child is null && !JsonFacts.IsTrue(additionalSchema["nullable"]))
                {
                    continue;
                }

                Check(child, additionalSchema, childPath, structural);
            }
            else if (additional is JsonValue && !JsonFacts.IsTrue(additional))
            {
                AddUnknownField(childPath, "unknown field (additionalProperties is false)");
            }
            else if (structural && !preserve && !JsonFacts.IsTrue(additional))
            {
                AddUnknownField(childPath, "unknown field");
            }
        }

        if (unknownFieldsOnly)
        {
            return;
        }

        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(JsonFacts.AsString).OfType<string>())
            {
                var present = obj.TryGetPropertyValue(name, out var v)
                    && (v is not null || JsonFacts.IsTrue((properties?[name] as JsonObject)?["nullable"]));
                if (!present)
                {
                    Add(Join(path, name), "Required value");
                }
            }
        }

        var count = obj.Count - (implicitFields ? obj.Count(p => ImplicitFields.Contains(p.Key)) : 0);
        if (Integer(schema, "minProperties") is { } minProperties && count < minProperties)
        {
            Add(path, $"Invalid value: {count}: must have at least {minProperties} properties");
        }

        if (Integer(schema, "maxProperties") is { } maxProperties && count > maxProperties)
        {
            Add(path, $"Too many: {count}: must have at most {maxProperties} properties");
        }
    }

    private void CheckImplicitFields(JsonObject obj, string path)
    {
        foreach (var field in ImplicitFields.Take(2))
        {
            if (obj.TryGetPropertyValue(field, out var v) && v is not null && JsonFacts.AsString(v) is null)
            {
                Add(Join(path, field), $"Invalid value: {JsonFacts.Render(v)}: must be of type string");
            }
        }

        if (obj.TryGetPropertyValue("metadata", out var metadata) && metadata is not null and not JsonObject)
        {
            Add(Join(path, "metadata"), $"Invalid value: {JsonFacts.Render(metadata)}: must be of type object");
        }
    }

    private void CheckArray(JsonArray array, JsonObject schema, string path, bool structural)
    {
        if (Integer(schema, "minItems") is { } minItems && array.Count < minItems)
        {
            Add(path, $"Invalid value: {array.Count}: should have at least {minItems} items");
        }

        if (Integer(schema, "maxItems") is { } maxItems && array.Count > maxItems)
        {
            Add(path, $"Too many: {array.Count}: must have at most {maxItems} items");
        }

        var listType = JsonFacts.AsString(schema["x-kubernetes-list-type"]);
        if (JsonFacts.IsTrue(schema["uniqueItems"]) || listType == "set")
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < array.Count; i++)
            {
                if (!seen.Add(JsonFacts.Canonical(array[i])))
                {
                    Add($"{path}[{i}]", $"Duplicate value: {JsonFacts.Render(array[i])}");
                }
            }
        }

        if (listType == "map" && schema["x-kubernetes-list-map-keys"] is JsonArray keyNodes)
        {
            var keys = keyNodes.Select(JsonFacts.AsString).OfType<string>().ToArray();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is not JsonObject item)
                {
                    continue;
                }

                var key = new JsonObject();
                foreach (var name in keys)
                {
                    key[name] = item[name]?.DeepClone();
                }

                if (!seen.Add(JsonFacts.Canonical(key)))
                {
                    Add($"{path}[{i}]", $"Duplicate value: {JsonFacts.Render(key)}");
                }
            }
        }

        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{path}[{i}]", structural);
            }
        }
    }

    private void CheckString(string value, JsonObject schema, string path)
    {
        var length = value.EnumerateRunes().Count();
        if (Integer(schema, "minLength") is { } minLength && length < minLength)
        {
            Add(
                path,
                $"Invalid value: {JsonFacts.Render(JsonValue.Create(value))}: should be at least {minLength} chars "
                    + "long");
        }

        if (Integer(schema, "maxLength") is { } maxLength && length > maxLength)
        {
            Add(path, $"Too long: may not be more than {maxLength} chars");
        }

        if (JsonFacts.AsString(schema["pattern"]) is { } pattern)
        {
            var regex = Patterns.GetOrAdd(pattern, Compile);
            if (regex is null)
            {
                Add(path, $"the schema's pattern '{pattern}' is not a valid regular expression");
            }
            else if (!Matches(regex, value))
            {
                Add(path, $"Invalid value: {JsonFacts.Render(JsonValue.Create(value))}: should match '{pattern}'");
            }
        }
    }

    private void CheckNumber(JsonValue value, JsonObject schema, string path, bool integral)
    {
        if (!JsonFacts.TryNumber(value, out var number))
        {
            return;
        }

        if (JsonFacts.TryNumber(schema["minimum"], out var minimum))
        {
            var exclusive = JsonFacts.IsTrue(schema["exclusiveMinimum"]);
            var comparison = number.CompareTo(minimum);
            if (comparison < 0 || (exclusive && comparison == 0))
            {
                Add(
                    path,
                    $"Invalid value: {number}: should be greater than "
                        + $"{(exclusive ? string.Empty : "or equal to ")}{minimum}");
            }
        }

        if (JsonFacts.TryNumber(schema["maximum"], out var maximum))
        {
            var exclusive = JsonFacts.IsTrue(schema["exclusiveMaximum"]);
            var comparison = number.CompareTo(maximum);
            if (comparison > 0 || (exclusive && comparison == 0))
            {
                Add(
                    path,
                    $"Invalid value: {number}: should be less than "
                        + $"{(exclusive ? string.Empty : "or equal to ")}{maximum}");
            }
        }

        if (JsonFacts.TryNumber(schema["multipleOf"], out var divisor) && !number.IsMultipleOf(divisor))
        {
            Add(path, $"Invalid value: {number}: should be a multiple of {divisor}");
        }

        if (integral && JsonFacts.AsString(schema["format"]) is { } format)
        {
            var (low, high) = format switch
            {
                "int32" => ((double)int.MinValue, (double)int.MaxValue),
                "int64" => ((double)long.MinValue, (double)long.MaxValue),
                _ => (double.NegativeInfinity, double.PositiveInfinity),
            };
            if (number.Approximate < low || number.Approximate > high
                || (format == "int64" && number.IsExact
                    && (number.Exact < long.MinValue || number.Exact > long.MaxValue)))
            {
                Add(path, $"Invalid value: {number}: must be in {format} range");
            }
        }
    }

    private void CheckJunctors(JsonNode value, JsonObject schema, string path)
    {
        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var branch in allOf.OfType<JsonObject>())
            {
                Check(value, branch, path, structural: false);
            }
        }

        if (schema["anyOf"] is JsonArray anyOf)
        {
            var failures = anyOf.OfType<JsonObject>().Select(b => Trial(value, b, path)).ToList();
            if (failures.Count > 0 && failures.All(f => f.Count > 0))
            {
                Add(path, $"must validate at least one schema (anyOf): {failures[0][0]}");
            }
        }

        if (schema["oneOf"] is JsonArray oneOf)
        {
            var failures = oneOf.OfType<JsonObject>().Select(b => Trial(value, b, path)).ToList();
            var passing = failures.Count(f => f.Count == 0);
            if (failures.Count > 0 && passing == 0)
            {
                Add(path, $"must validate one and only one schema (oneOf): {failures[0][0]}");
            }
            else if (passing > 1)
            {
                Add(path, $"must validate one and only one schema (oneOf); it matches {passing}");
            }
        }

        if (schema["not"] is JsonObject not && Trial(value, not, path).Count == 0)
        {
            Add(path, "must not validate the schema (not)");
        }
    }

    private List<CrdViolation> Trial(JsonNode value, JsonObject schema, string path)
    {
        var trial = new SchemaValidator([]);
        trial.Check(value, schema, path, structural: false);
        return trial.violations;
    }

    private static Regex? Compile(string pattern)
    {
        try
        {
            return new Regex(EndOfText(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The API server's Go regexes read a final <c>$</c> as the end of the text; .NET's <c>$</c> also matches before
    /// a final newline, so a final unescaped <c>$</c> becomes <c>\z</c>.
    /// </summary>
    private static string EndOfText(string pattern)
    {
        if (!pattern.EndsWith('$'))
        {
            return pattern;
        }

        var backslashes = pattern.Length - 1 - pattern.AsSpan(0, pattern.Length - 1).TrimEnd('\\').Length;
        return backslashes % 2 == 0 ? pattern[..^1] + "\\z" : pattern;
    }

    private static bool Matches(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static long? Integer(JsonObject schema, string name) =>
        JsonFacts.TryNumber(schema[name], out var number) && number.IsExact && number.IsIntegral
            ? (long)decimal.Clamp(number.Exact, long.MinValue, long.MaxValue)
            : null;

    private static string Join(string path, string key) =>
        path.Length == 0 ? key : string.Create(CultureInfo.InvariantCulture, $"{path}.{key}");

    private void Add(string path, string message)
    {
        if (!unknownFieldsOnly)
        {
            violations.Add(new CrdViolation(path, message));
        }
    }

    private void AddUnknownField(string path, string message) => violations.Add(new CrdViolation(path, message));
}
