using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Smi.Abstractions.Tests.YamlOutput;

/// <summary>
/// How a reader types a plain (unquoted) YAML scalar, written here from the specifications so the test does not
/// trust the code it checks: YAML 1.2's core schema, and YAML 1.1's types from yaml.org/type (bool, int, float,
/// null, timestamp, merge, value), which readers such as kubectl's still apply. A value is given in a canonical form
/// (<c>int:1000</c>, <c>str:yes</c>) so the two can be compared.
/// </summary>
internal static partial class ScalarResolver
{
    public static string Yaml12(string plain)
    {
        if (plain is "" or "~" or "null" or "Null" or "NULL")
        {
            return "null";
        }

        if (plain is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return "bool:" + plain.ToUpperInvariant();
        }

        if (Core12Int().IsMatch(plain))
        {
            return "int:" + BigInteger.Parse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        if (plain.StartsWith("0o", StringComparison.Ordinal) && Core12Octal().IsMatch(plain))
        {
            return "int:" + ParseBase(plain[2..], 8);
        }

        if (plain.StartsWith("0x", StringComparison.Ordinal) && Core12Hex().IsMatch(plain))
        {
            return "int:" + ParseBase(plain[2..], 16);
        }

        if (Core12Float().IsMatch(plain))
        {
            return Float(double.Parse(plain, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (Core12Special().Match(plain) is { Success: true } special)
        {
            return special.Value.Contains("na", StringComparison.OrdinalIgnoreCase) ? "float:NaN"
                : special.Value.StartsWith('-') ? "float:-Infinity" : "float:Infinity";
        }

        return "str:" + plain;
    }

    public static string Yaml11(string plain)
    {
        if (plain is "" or "~" or "null" or "Null" or "NULL")
        {
            return "null";
        }

        if (Bool11().IsMatch(plain))
        {
            return "bool:" + (plain.ToUpperInvariant() is "Y" or "YES" or "TRUE" or "ON" ? "TRUE" : "FALSE");
        }

        if (plain == "<<")
        {
            return "merge";
        }

        if (plain == "=")
        {
            return "value";
        }

        if (Int11().IsMatch(plain))
        {
            return "int:" + ParseInt11(plain);
        }

        if (Float11().IsMatch(plain))
        {
            return Float11Value(plain);
        }

        if (Timestamp11().IsMatch(plain))
        {
            return "timestamp:" + plain;
        }

        return "str:" + plain;
    }

    private static string Float(double value) => double.IsFinite(value) && value == Math.Floor(value)
        && Math.Abs(value) < 1e15
            ? "int:" + new BigInteger(value)
            : "float:" + value.ToString("R", CultureInfo.InvariantCulture);

    private static string Float11Value(string plain)
    {
        var sign = plain.StartsWith('-') ? -1 : 1;
        var body = plain.TrimStart('-', '+').Replace("_", string.Empty, StringComparison.Ordinal);
        if (body.Contains("inf", StringComparison.OrdinalIgnoreCase))
        {
            return sign < 0 ? "float:-Infinity" : "float:Infinity";
        }

        if (body.Contains("nan", StringComparison.OrdinalIgnoreCase))
        {
            return "float:NaN";
        }

        if (body.Contains(':', StringComparison.Ordinal))
        {
            var parts = body.Split(':');
            var value = parts.Aggregate(0.0, (acc, p) => (acc * 60) + double.Parse(p, CultureInfo.InvariantCulture));
            return Float(sign * value);
        }

        return double.TryParse(body, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? Float(sign * parsed)
            : "float:unparsable:" + plain;
    }

    private static BigInteger ParseInt11(string plain)
    {
        var sign = plain.StartsWith('-') ? BigInteger.MinusOne : BigInteger.One;
        var body = plain.TrimStart('-', '+').Replace("_", string.Empty, StringComparison.Ordinal);
        BigInteger value;
        if (body.StartsWith("0b", StringComparison.Ordinal))
        {
            value = ParseBase(body[2..], 2);
        }
        else if (body.StartsWith("0x", StringComparison.Ordinal))
        {
            value = ParseBase(body[2..], 16);
        }
        else if (body.Contains(':', StringComparison.Ordinal))
        {
            value = body.Split(':').Aggregate(
                BigInteger.Zero,
                (acc, p) => (acc * 60) + BigInteger.Parse(p, CultureInfo.InvariantCulture));
        }
        else if (body.Length > 1 && body[0] == '0')
        {
            value = ParseBase(body[1..], 8);
        }
        else
        {
            value = BigInteger.Parse(body.Length == 0 ? "0" : body, CultureInfo.InvariantCulture);
        }

        return sign * value;
    }

    private static BigInteger ParseBase(string digits, int radix) =>
        digits.Replace("_", string.Empty, StringComparison.Ordinal).Aggregate(
            BigInteger.Zero,
            (acc, c) => (acc * radix) + Convert.ToInt32(c.ToString(), 16));

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Core12Int();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex Core12Octal();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex Core12Hex();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Core12Float();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex Core12Special();

    [GeneratedRegex("^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")]
    private static partial Regex Bool11();

    [GeneratedRegex(
        "^([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
        + "|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)$")]
    private static partial Regex Int11();

    [GeneratedRegex(
        @"^([-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*"
        + @"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex Float11();

    [GeneratedRegex(
        @"^([0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?([Tt]|[ \t]+)"
        + @"[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](\.[0-9]*)?(([ \t]*)Z|[-+][0-9][0-9]?(:[0-9][0-9])?)?)$")]
    private static partial Regex Timestamp11();
}
