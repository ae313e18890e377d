namespace Smi.Abstractions.Validation;

/// <summary>
/// The bounds that every gate applies alike: the CRD schemas, the admission webhook, <c>smi validate</c> and the
/// translators. A value outside them is refused with a diagnostic before any arithmetic sees it.
/// </summary>
/// <remarks>
/// Regex limits follow what RE2 (<see href="https://github.com/google/re2/wiki/Syntax"/>) and Rust's <c>regex</c>
/// crate accept: RE2 refuses repeat counts above 1000; the length and nesting limits keep the compiled programs of
/// both engines small.
/// </remarks>
public static class SmiBounds
{
    /// <summary>
    /// The largest TrafficSplit backend weight, 2^31-1: the range of the <c>int</c> weights that SMI's Go types and
    /// the meshes use; with at most <see cref="MaxBackends"/> backends, sums and products stay far inside
    /// <see cref="decimal"/>.
    /// </summary>
    public const long MaxWeight = int.MaxValue;

    /// <summary>
    /// The v1alpha1 weights written as quantity strings that the CRD schema takes, each form bounded so that its
    /// value stays below 10^9 (or, for the binary suffixes, below 2^30 + 2^20), under <see cref="MaxWeight"/>: a
    /// decimal with up to nine integer and nine fraction digits, milli-units (<c>500m</c>), <c>k</c> and <c>M</c>
    /// with an optional fraction (<c>1k</c>, <c>2.5M</c>), <c>Ki</c> and <c>Mi</c> (<c>4Ki</c>) and a decimal
    /// exponent up to 6 (<c>1e3</c>). A structural schema cannot compare a quantity's value, so larger forms
    /// (<c>1Gi</c>, <c>1e9</c>) must be written as integers there, which the schema's <c>maximum</c> bounds; the
    /// shared validation reads every quantity and applies <see cref="MaxWeight"/>.
    /// </summary>
    public const string QuantityWeightPattern =
        "^([0-9]{1,9}(\\.[0-9]{1,9})?|[0-9]{1,12}m|[0-9]{1,6}(\\.[0-9]{1,6})?k|[0-9]{1,3}(\\.[0-9]{1,6})?M"
        + "|[0-9]{1,6}Ki|[0-9]{1,3}Mi|[0-9]{1,3}[eE][0-6])$";

    /// <summary>The most backends one TrafficSplit may list.</summary>
    public const int MaxBackends = 1000;

    /// <summary>The most items any other list in an SMI object may hold (matches, rules, sources, ports).</summary>
    public const int MaxListItems = 1000;

    /// <summary>The longest free-form string field (a match name, a method, a header name).</summary>
    public const int MaxStringLength = 1024;

    /// <summary>The longest object name: a DNS-1123 subdomain.</summary>
    public const int MaxSubdomainLength = 253;

    /// <summary>The longest namespace or Service name: a DNS-1123 label.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>The smallest port number.</summary>
    public const int MinPort = 1;

    /// <summary>The largest port number.</summary>
    public const int MaxPort = 65535;

    /// <summary>The longest regex (pathRegex, header value).</summary>
    public const int MaxRegexLength = 1024;

    /// <summary>The deepest nesting of groups in a regex.</summary>
    public const int MaxRegexNesting = 32;

    /// <summary>The largest repeat count <c>{n}</c>, <c>{n,m}</c> in a regex; RE2 refuses larger ones.</summary>
    public const int MaxRegexRepeat = 1000;
}
