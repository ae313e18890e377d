namespace Smi.Testing;

/// <summary>
/// The seed a property test hands CsCheck for its first iteration: the test's own, or the one the
/// <c>CsCheck_Seed</c> environment variable gives to replay a failure. CsCheck reads that variable only for a test
/// that passes no seed of its own, so a test with a fixed seed could not be replayed from the seed a failure prints.
/// </summary>
public static class PropertySeed
{
    /// <summary>The environment variable CsCheck reads, and a failure names.</summary>
    public const string EnvironmentVariable = "CsCheck_Seed";

    /// <summary>
    /// The seed set in <see cref="EnvironmentVariable"/>, when it is set; <paramref name="fixedSeed"/> otherwise.
    /// </summary>
    /// <param name="fixedSeed">The test's own seed.</param>
    /// <returns>The seed of the first iteration.</returns>
    public static string Or(string fixedSeed) =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } replay ? replay : fixedSeed;
}
