namespace Smi.Fleet;

/// <summary>The controller run's figures against the targets of the controller issue, printed as one table.</summary>
public sealed class ControllerFigures
{
    private readonly List<(string Figure, string Measured, string Target, bool? Met)> _rows = [];

    /// <summary>Adds a row.</summary>
    /// <param name="figure">What was measured.</param>
    /// <param name="measured">The figure.</param>
    /// <param name="target">The target; empty when there is none.</param>
    /// <param name="met">Whether the target is met; null when there is none or nothing was measured.</param>
    public void Add(string figure, string measured, string target, bool? met) => _rows.Add((figure, measured, target, met));

    /// <summary>Prints the rows as a Markdown table.</summary>
    /// <param name="output">Where to print.</param>
    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine();
        output.WriteLine("| figure | measured | target | met |");
        output.WriteLine("|---|---:|---|---|");
        foreach (var (figure, measured, target, met) in _rows)
        {
            output.WriteLine($"| {figure} | {measured} | {(target.Length == 0 ? "-" : target)} | {met switch { true => "yes", false => "no", null => "-" }} |");
        }
    }
}
