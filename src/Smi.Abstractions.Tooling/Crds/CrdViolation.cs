namespace Smi.Abstractions.Crds;

/// <summary>One reason the API server would refuse an object under strict field validation.</summary>
/// <param name="Path">The field, for example <c>spec.http[0].route[1].weight</c>; empty for the object itself.</param>
/// <param name="Message">What is wrong, in the API server's words where practical.</param>
public sealed record CrdViolation(string Path, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
