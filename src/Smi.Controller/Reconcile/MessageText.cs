namespace Smi.Controller.Reconcile;

/// <summary>Shortens what the API server or an exception said before it goes into a condition, Event or log.</summary>
internal static class MessageText
{
    /// <summary>The text, cut to a length with an ellipsis when longer; empty for null.</summary>
    /// <param name="text">The text.</param>
    /// <param name="length">The most characters kept.</param>
    /// <returns>The text or its start.</returns>
    public static string Truncate(string? text, int length) =>
        text is null ? string.Empty : text.Length <= length ? text : text[..length] + "...";
}
