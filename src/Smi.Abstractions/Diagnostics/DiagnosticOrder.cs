namespace Smi.Abstractions.Diagnostics;

/// <summary>The stable order in which diagnostics are reported: by object, field, reason, then message.</summary>
public sealed class DiagnosticOrder : IComparer<Diagnostic>
{
    /// <summary>The shared instance.</summary>
    public static DiagnosticOrder Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(Diagnostic? x, Diagnostic? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var byObject = x.Object is null ? (y.Object is null ? 0 : -1) : x.Object.CompareTo(y.Object);
        if (byObject != 0)
        {
            return byObject;
        }

        var byField = string.CompareOrdinal(x.FieldPath ?? string.Empty, y.FieldPath ?? string.Empty);
        if (byField != 0)
        {
            return byField;
        }

        var byReason = string.CompareOrdinal(x.Reason, y.Reason);
        return byReason != 0 ? byReason : string.CompareOrdinal(x.Message, y.Message);
    }
}
