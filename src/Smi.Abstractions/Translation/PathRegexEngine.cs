namespace Smi.Abstractions.Translation;

/// <summary>
/// The regex engine that runs a rendered path pattern, which decides how SMI's ASCII classes are written.
/// </summary>
public enum PathRegexEngine
{
    /// <summary>
    /// RE2 (https://github.com/google/re2/wiki/Syntax): Envoy (Istio, Consul) and Istio's Gateway API implementation.
    /// Its <c>\b</c> is ASCII already, as in SMI (Go regexp syntax).
    /// </summary>
    Re2 = 0,

    /// <summary>
    /// Rust's regex crate (https://docs.rs/regex, "Unicode" section), run by Linkerd's proxy: <c>\b</c> and
    /// <c>\B</c> are Unicode-aware unless written inside <c>(?-u:...)</c>.
    /// </summary>
    RustRegex = 1,
}
