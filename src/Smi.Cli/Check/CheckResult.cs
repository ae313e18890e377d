namespace Smi.Cli.Check;

/// <summary>The outcome of one check of <c>smi check</c>.</summary>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Text">What was checked and found.</param>
/// <param name="Hint">What to do when it failed.</param>
internal sealed record CheckResult(bool Passed, string Text, string? Hint = null)
{
    public static CheckResult Pass(string text) => new(true, text);

    public static CheckResult Fail(string text, string hint) => new(false, text, hint);

    /// <summary>One line with ✔ or ✘, and the hint on the next line when it failed.</summary>
    public override string ToString() =>
        Passed ? $"\u2714 {Text}" : $"\u2718 {Text}\n    hint: {Hint}";
}
